import { describe, expect, it } from "vitest";
import { prepareRoster } from "../../src/engine/roster";
import { createRouter } from "../../src/index";
import { parseRuleSet } from "../../src/schema/parse";

const ruleSet = {
  id: "hours",
  timezone: "UTC",
  pools: { p: { members: ["a", "b", "c"] } },
  rules: [{ id: "all", assign: { pool: "p" } }],
};
const day = { days: [1, 2, 3, 4, 5, 6, 7] };
const reps = [
  { id: "a", workingHours: [{ ...day, from: "09:00", to: "17:00" }] },
  { id: "b", workingHours: [{ ...day, from: "18:00", to: "20:00" }] },
  { id: "c", workingHours: [{ ...day, from: "09:00", to: "17:00" }] },
];

describe("working hours shared between reps", () => {
  it("are one frozen list for equal hours, another for different ones", () => {
    const roster = prepareRoster(reps, parseRuleSet(ruleSet));
    const hours = (id: string) => roster.byId.get(id)!.workingHours;
    expect(hours("a")).toBe(hours("c"));
    expect(hours("a")).not.toBe(hours("b"));
    expect(Object.isFrozen(hours("a"))).toBe(true);
    expect(Object.isFrozen(hours("a")![0])).toBe(true);
    // The caller's lists are untouched.
    expect(Object.isFrozen(reps[0]!.workingHours)).toBe(false);
  });

  it("give each rep its own answer when a pool's members are asked at the same moment", () => {
    const router = createRouter(ruleSet);
    const excluded = (now: string) =>
      router
        .assign({ customers: [{ id: "x" }], reps, now, explain: "full" })
        .decisions[0]!.explanation.attempts[0]!.excluded!.map((e) => [e.repId, e.details]);
    expect(excluded("2026-03-02T10:00:00Z")).toEqual([
      ["b", { timezone: "UTC", nextStart: "2026-03-02T18:00:00.000Z" }],
    ]);
    expect(excluded("2026-03-02T19:00:00Z")).toEqual([
      ["a", { timezone: "UTC", nextStart: "2026-03-03T09:00:00.000Z" }],
      ["c", { timezone: "UTC", nextStart: "2026-03-03T09:00:00.000Z" }],
    ]);
  });
});
