import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateDemo } from "../../examples/demo/generate";
import { customersFromCsv, repsFromCsv } from "../../src/cli/csv";
import { demo } from "./helpers";

const read = (name: string) => readFileSync(demo(name), "utf8");

describe("bundled example", () => {
  it("is exactly what examples/demo/generate.ts produces (run `npm run demo:generate`)", () => {
    const files = generateDemo(read("rules.yaml"));
    for (const [name, text] of Object.entries(files)) {
      expect(read(name), name).toBe(text);
    }
  });

  it("has the team and the data the docs promise", () => {
    const reps = repsFromCsv("reps.csv", read("reps.csv"));
    expect(reps.length).toBeGreaterThanOrEqual(20);
    const zones = reps.map((r) => r.timezone);
    expect(zones).toContain("America/Los_Angeles");
    expect(zones).toContain("Europe/Berlin");
    expect(reps.filter((r) => r.active === false)).toHaveLength(1);
    expect(reps.some((r) => Array.isArray(r.timeOff))).toBe(true);
    expect(reps.some((r) => typeof r.weight === "number" && r.weight > 1)).toBe(true);

    const { records } = customersFromCsv("customers.csv", read("customers.csv"));
    expect(records).toHaveLength(2000);
    const accounts = new Map<unknown, number>();
    for (const c of records) accounts.set(c.accountId, (accounts.get(c.accountId) ?? 0) + 1);
    expect([...accounts.values()].some((n) => n > 1)).toBe(true);
    const days = new Set(records.map((c) => String(c.receivedAt).slice(0, 10)));
    expect(days.size).toBe(14);

    const state = JSON.parse(read("state.json"));
    const owned = Object.values(state.customers).filter(
      (c) => (c as { owner: unknown }).owner !== null,
    );
    expect(owned.length).toBeGreaterThan(100);

    const rules = parse(read("rules.yaml"));
    const strategies = new Set(
      Object.values(rules.pools).map((p) => (p as { strategy: string }).strategy),
    );
    expect(strategies).toEqual(new Set(["weighted", "round-robin", "least-loaded", "sticky"]));
    expect(rules.ownership.protection.days).toBe(15);
    expect(rules.fallback.queue).toBe("unrouted");
  });
});
