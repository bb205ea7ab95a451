/**
 * A small team and batch for the analysis tests: an east pool (weighted 1:1:2), a south pool
 * (round-robin), an inside pool (one rep, daily cap 2) catching the rest, time zone Shanghai.
 */
import type { RuleSetInput } from "../../src/index";

export const NOW = "2026-11-30T12:00:00Z";

export const ruleSet = {
  id: "sim-demo",
  revision: "r1",
  timezone: "Asia/Shanghai",
  territories: {
    east: { regions: ["CN-SH", "CN-JS", "CN-ZJ"] },
    south: { regions: ["CN-GD"] },
  },
  pools: {
    "east-team": { members: ["wang", "li", "zhao"], strategy: "weighted" },
    "south-team": { members: ["sun", "qian"], strategy: "round-robin" },
    inside: { members: ["zhou"], strategy: "round-robin" },
  },
  rules: [
    { id: "east", priority: 10, match: { territory: ["east"] }, assign: { pool: "east-team" } },
    { id: "south", priority: 10, match: { territory: ["south"] }, assign: { pool: "south-team" } },
    { id: "rest", priority: 0, assign: { pool: "inside" } },
  ],
  fallback: { queue: "unrouted" },
} satisfies RuleSetInput;

export const reps = [
  { id: "wang", name: "Wang Wei", weight: 1 },
  { id: "li", name: "Li Na", weight: 1 },
  { id: "zhao", name: "Zhao Lei", weight: 2 },
  { id: "sun", name: "Sun Li" },
  { id: "qian", name: "Qian Yu" },
  { id: "zhou", name: "Zhou Min", capacity: { perDay: 2 } },
];

const EAST = ["CN-SH", "CN-JS", "CN-ZJ"];

/**
 * 40 east customers (CN-SH, CN-JS, CN-ZJ in turn), 10 south, 5 north (CN-BJ: the inside pool,
 * whose only rep has a daily cap of 2) and 2 invalid records. Received on two Shanghai days:
 * the first half on 2026-11-28 (local), the second half on 2026-11-29, with times chosen so that
 * the UTC date differs from the Shanghai date for the early ones.
 */
export function customers(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 40; i++) out.push({ id: `e${i}`, region: EAST[i % 3] });
  for (let i = 0; i < 10; i++) out.push({ id: `s${i}`, region: "CN-GD" });
  for (let i = 0; i < 5; i++) out.push({ id: `n${i}`, region: "CN-BJ" });
  out.forEach((c, i) => {
    // 2026-11-27T17:00Z is 2026-11-28 01:00 in Shanghai; one minute per customer, then day two.
    const base = i < 28 ? Date.parse("2026-11-27T17:00:00Z") : Date.parse("2026-11-28T17:00:00Z");
    c.receivedAt = new Date(base + i * 60_000).toISOString();
  });
  out.push({ region: "CN-SH" }); // no id
  out.push({ id: "bad", country: "US", region: "CN-SH" }); // region outside its country
  return out;
}
