import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRouter, DENIAL_REASONS, formatOperation, OPERATION_OUTCOMES } from "../../src";
import { Ownership } from "../../src/schema/rule-set";

/** docs/ownership.md is checked against the code: code lists, options and worked examples. */

const doc = readFileSync(new URL("../../docs/ownership.md", import.meta.url), "utf8");

/** The text under a `## ` heading up to the next one. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`heading not found: ${heading}`);
  const rest = doc.slice(start + heading.length + 2);
  const end = rest.search(/\n## /);
  return end === -1 ? rest : rest.slice(0, end);
}

/** First-column backticked codes of the tables in `text`. */
function codes(text: string): string[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) => /^\|\s*`([^`]+)`\s*\|/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined);
}

/** The fenced block after `<!-- example: name -->`. */
function example(name: string): string {
  const marker = `<!-- example: ${name} -->\n`;
  const at = doc.indexOf(marker);
  if (at === -1) throw new Error(`example not found: ${name}`);
  const body = doc.slice(doc.indexOf("\n", at + marker.length) + 1);
  return body.slice(0, body.indexOf("\n```"));
}

describe("docs/ownership.md", () => {
  it("lists every denial reason and every outcome, nothing more", () => {
    expect(codes(section("## Denial reasons"))).toEqual([...DENIAL_REASONS]);
    expect(codes(section("## Outcomes"))).toEqual([...OPERATION_OUTCOMES]);
  });

  it("documents every ownership option", () => {
    const shape = Ownership.shape;
    const nested = (key: string, inner: object) => Object.keys(inner).map((k) => `${key}.${k}`);
    const expected = Object.keys(shape).flatMap((key) =>
      key === "protection"
        ? nested(key, shape.protection.unwrap().shape)
        : key === "claims"
          ? nested(key, shape.claims.unwrap().shape)
          : [key],
    );
    expect(codes(section("## Options")).sort()).toEqual(expected.sort());
  });

  it("has the clock table and the glossary with the Chinese terms", () => {
    const clocks = section("## Clocks");
    for (const clock of [
      "protection",
      "idle timer",
      "release cool-down",
      "new-in-pool",
      "claim counter",
    ])
      expect(clocks).toContain(clock);
    const glossary = section("## Glossary");
    for (const term of [
      "公海",
      "私海",
      "保护期",
      "回收",
      "领取",
      "撞单",
      "查重",
      "释放",
      "再领取冷却期",
      "转移",
    ])
      expect(glossary).toContain(`| ${term}`);
  });

  it("the worked examples are what the code returns", () => {
    const r = createRouter({
      id: "acme-cn",
      revision: "2026-11-27.1",
      timezone: "Asia/Shanghai",
      rules: [],
      ownership: JSON.parse(example("ownership-options")),
    });
    const reps = [{ id: "wang" }, { id: "li" }];
    const claimed = r.claim({
      customer: { id: "c-17", accountId: "acme" },
      repId: "wang",
      reps,
      now: "2026-11-27T09:30:00+08:00",
    });
    const now = "2026-11-28T10:00:00+08:00";
    const lookup = r.lookup({ customerId: "c-17", repId: "li", reps, state: claimed.state, now });
    expect(lookup).toEqual(JSON.parse(example("lookup")));
    const denied = r.claim({
      customerId: "c-17",
      repId: "li",
      reps,
      state: claimed.state,
      now,
      expectedVersion: 0,
    });
    const { state: _s, events: _e, explanation, ...result } = denied;
    expect(result).toEqual(JSON.parse(example("claim-denied")));
    expect(formatOperation(explanation)).toBe(example("claim-denied-en"));
    expect(formatOperation(explanation, { locale: "zh-CN" })).toBe(example("claim-denied-zh-CN"));
  });
});
