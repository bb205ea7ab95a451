import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRouter, formatExplanation } from "../../src/index";

/**
 * docs/getting-started.md shows its inputs (rule set, reps, customers) and every output; the
 * outputs are recomputed here from the inputs on the page, so the page cannot drift.
 */

const doc = readFileSync(new URL("../../docs/getting-started.md", import.meta.url), "utf8");
const lines = doc.split("\n");

/** The fenced block right after the marker line, without its fences. */
function block(marker: string): string {
  const at = lines.indexOf(`<!-- ${marker} -->`);
  if (at === -1 || !lines[at + 1]?.startsWith("```")) throw new Error(`no block after ${marker}`);
  const close = lines.indexOf("```", at + 2);
  if (close === -1) throw new Error(`unclosed block after ${marker}`);
  return lines.slice(at + 2, close).join("\n");
}

const NOW = "2026-11-27T10:00:00+08:00";
const router = createRouter(JSON.parse(block("getting-started: rules")));
const reps = JSON.parse(block("getting-started: reps"));
const customers = JSON.parse(block("getting-started: customers"));
const result = router.assign({ customers, reps, now: NOW });

describe("docs/getting-started.md", () => {
  it("calls assign with the `now` the outputs were computed at", () => {
    expect(doc).toContain(`router.assign({ customers, reps, now: "${NOW}" })`);
  });

  it("shows the decisions", () => {
    const printed = result.decisions.map(
      (d) => `${d.customerId} ${d.outcome} ${d.repId ?? d.queue}`,
    );
    expect(printed.join("\n")).toBe(block("output: decisions"));
  });

  it("shows c2's explanation in English and Chinese", () => {
    const explanation = result.decisions[1]!.explanation;
    expect(formatExplanation(explanation)).toBe(block("output: explanation-en"));
    expect(formatExplanation(explanation, { locale: "zh-CN" })).toBe(
      block("output: explanation-zh-CN"),
    );
  });

  it("shows c2's full explanation from router.explain", () => {
    const full = router.explain({ customerId: "c2", customers, reps, now: NOW });
    expect(formatExplanation(full)).toBe(block("output: explanation-full"));
  });

  it("lets qian claim c4 from the public pool, as the page says", () => {
    const claim = router.claim({
      customerId: "c4",
      repId: "qian",
      reps,
      state: result.state,
      now: "2026-11-27T11:00:00+08:00",
    });
    expect(claim.outcome).toBe("granted");
    const other = router.claim({
      customerId: "c4",
      repId: "zhao",
      reps,
      state: claim.state,
      now: "2026-11-27T12:00:00+08:00",
    });
    expect(other.outcome === "denied" && other.reason).toBe("protected_by_owner");
  });

  it("links only to pages that exist", () => {
    for (const [, target] of doc.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) {
      if (target?.startsWith("http")) continue;
      expect(existsSync(new URL(`../../docs/${target}`, import.meta.url)), target).toBe(true);
    }
  });
});
