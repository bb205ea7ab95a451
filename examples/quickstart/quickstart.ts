// The README's example: route three leads, print who got what and why.
import { createRouter, formatExplanation } from "../../src/index";

const router = createRouter({
  id: "acme",
  revision: "2026-11-27.1",
  timezone: "Asia/Shanghai",
  territories: { east: { regions: ["CN-SH", "CN-JS", "CN-ZJ"] } },
  pools: {
    east: { members: ["wang", "li"], strategy: "round-robin" },
    inside: { members: ["zhao", "qian"], strategy: "least-loaded" },
  },
  rules: [
    { id: "east", priority: 10, match: { territory: ["east"] }, assign: { pool: "east" } },
    {
      id: "web",
      priority: 5,
      when: { "==": [{ var: "customer.source" }, "web"] },
      assign: { pool: "inside" },
    },
  ],
  ownership: { protection: { days: 15 } },
});

const reps = [
  { id: "wang" },
  { id: "li", timeOff: [{ from: "2026-11-27", to: "2026-11-30" }] },
  { id: "zhao" },
  { id: "qian" },
];
const customers = [
  { id: "c1", region: "CN-SH", source: "web" },
  { id: "c2", region: "US-CA", source: "web" },
  { id: "c3", region: "DE-BE", source: "fair" },
];

export const result = router.assign({ customers, reps, now: "2026-11-27T10:00:00+08:00" });

export function report(): string {
  return result.decisions.map((d) => formatExplanation(d.explanation)).join("\n\n");
}
