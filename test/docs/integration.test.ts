import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRouter, replay } from "../../src/index";

/**
 * docs/integration.md quotes examples/crm-backend: every quoted block must still be in the
 * file it names. The page's own rule set and its claims about the engine are checked too.
 */

const doc = readFileSync(new URL("../../docs/integration.md", import.meta.url), "utf8");
const lines = doc.split("\n");

/** Each fenced block after `<!-- excerpt: path -->`, with its path. */
function excerpts(): { path: string; code: string }[] {
  const found: { path: string; code: string }[] = [];
  lines.forEach((line, i) => {
    const m = /^<!-- excerpt: (\S+) -->$/.exec(line);
    if (!m) return;
    if (!lines[i + 1]?.startsWith("```")) throw new Error(`line ${i + 1}: no block after excerpt`);
    const close = lines.indexOf("```", i + 2);
    found.push({ path: m[1]!, code: lines.slice(i + 2, close).join("\n") });
  });
  return found;
}

/** Code compared without layout: whitespace and trailing commas are the formatter's business. */
const normalize = (code: string): string => code.replace(/\s+/g, "").replace(/,([)\]}])/g, "$1");

describe("docs/integration.md", () => {
  it("quotes the example's code as it is", () => {
    const list = excerpts();
    expect(list.length).toBeGreaterThanOrEqual(5);
    for (const { path, code } of list) {
      const source = readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
      expect(normalize(source), `${path}:\n${code}`).toContain(normalize(code));
    }
  });

  it("marks every code block as an excerpt or an example", () => {
    lines.forEach((line, i) => {
      if (/^```\w+/.test(line))
        expect(lines[i - 1], `line ${i + 1}`).toMatch(/^<!-- (excerpt|example): /);
    });
  });

  it("routes customers to partitions with the dispatcher rule set, keeping no state", () => {
    const at = lines.indexOf("<!-- example: partition-dispatcher -->");
    const close = lines.indexOf("```", at + 2);
    const router = createRouter(JSON.parse(lines.slice(at + 2, close).join("\n")));
    const result = router.assign({
      customers: [
        { id: "a", region: "CN-SH" },
        { id: "b", region: "CN-BJ" },
        { id: "c", region: "CN-GD" },
        { id: "d", region: "US-CA" },
      ],
      reps: [],
      now: "2026-12-01T00:00:00Z",
    });
    expect(result.decisions.map((d) => [d.outcome, d.queue])).toEqual([
      ["queued", "east"],
      ["queued", "north"],
      ["queued", "south"],
      ["queued", "national"],
    ]);
  });

  const router = createRouter({
    id: "t",
    pools: { p: { members: ["wang", "li"] } },
    rules: [{ id: "all", assign: { pool: "p" } }],
    ownership: { protection: { days: 15 } },
  });
  const reps = [{ id: "wang" }, { id: "li" }];
  const first = router.assign({
    customers: [{ id: "c1" }, { id: "c2" }],
    reps,
    now: "2026-12-01T09:00:00Z",
  });

  it("refuses to replay an audit event older than the write before it (why denials are compare-and-set)", () => {
    // li's claim is denied on version 1; meanwhile another write produced version 2.
    const denied = router.claim({
      customerId: "c1",
      repId: "li",
      reps,
      state: first.state,
      now: "2026-12-01T10:00:00Z",
    });
    const newer = router.recordActivity({
      customerId: "c2",
      repId: "li",
      state: first.state,
      now: "2026-12-01T10:00:00Z",
    });
    expect(denied.events[0]?.version).toBe(1);
    expect(newer.state.version).toBe(2);
    expect(() => replay([...first.events, ...newer.events, ...denied.events])).toThrow(
      "older than",
    );
    expect(() => replay([...first.events, ...denied.events, ...newer.events])).not.toThrow();
  });

  it("never gives a redelivered lead a second owner, but logs a second decision", () => {
    const again = router.assign({
      customers: [{ id: "c1" }],
      reps,
      state: first.state,
      now: "2026-12-01T11:00:00Z",
    });
    expect(again.decisions[0]).toMatchObject({ outcome: "kept", repId: "wang" });
    expect(again.events).toHaveLength(1);
  });

  it("replays from a snapshot plus the later events", () => {
    const second = router.assign({
      customers: [{ id: "c3" }],
      reps,
      state: first.state,
      now: "2026-12-02T09:00:00Z",
    });
    expect(replay(second.events, first.state)).toEqual(replay([...first.events, ...second.events]));
    expect(replay(second.events, first.state)).toEqual(second.state);
  });
});
