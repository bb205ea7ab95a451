import { it } from "vitest";
import { createRouter } from "../src/engine/router";
import { formatExplanation } from "../src/explain/format";
const fs = require("node:fs");

const ruleSet = {
  id: "acme-cn", revision: "2026-11-27.1", timezone: "Asia/Shanghai",
  hitPolicy: "priority",
  tiers: [
    { id: "A", when: { ">=": [{ var: "customer.annualRevenue" }, 100000000] } },
    { id: "B", when: { ">=": [{ var: "customer.annualRevenue" }, 10000000] } },
    { id: "C", when: true },
  ],
  territories: {
    east: { regions: ["CN-SH", "CN-JS", "CN-ZJ"] },
    south: { regions: ["CN-GD"], postalCodes: ["51*", "518000..518999"] },
  },
  pools: {
    "key-accounts": { members: ["wang", "li"], strategy: "weighted" },
    "east-smb": { members: { teams: ["smb"], territories: ["east"] }, strategy: "round-robin" },
    inside: { members: ["zhao", "qian", "sun"], strategy: "least-loaded" },
  },
  rules: [
    { id: "key-accounts", priority: 100, match: { tier: ["A"] }, assign: { pool: "key-accounts" } },
    { id: "east-software", priority: 50, match: { territory: ["east"], industry: ["software", "5112*"] },
      assign: { pool: "east-smb" }, onNoEligibleRep: "next-rule" },
    { id: "web", priority: 10, when: { "==": [{ var: "customer.source" }, "web"] }, assign: { pool: "inside" } },
  ],
  fallback: { queue: "unrouted" },
  ownership: { protection: { days: 15 } },
  capacity: { perDay: 30 },
};
const reps = [
  { id: "wang", weight: 2 },
  { id: "li" },
  { id: "zhou", teams: ["smb"], territories: ["east"], timeOff: [{ from: "2026-11-23", to: "2026-12-01" }] },
  { id: "wu", teams: ["smb"], territories: ["east"], timezone: "Asia/Shanghai",
    workingHours: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" }] },
  { id: "zhao" }, { id: "qian", active: false }, { id: "sun" },
];
const customers = [
  { id: "c-1", annualRevenue: 250000000, region: "CN-SH", receivedAt: "2026-11-27T09:00:00+08:00" },
  { id: "c-2", annualRevenue: 2000000, region: "CN-SH", industry: "511210", source: "web", receivedAt: "2026-11-27T20:15:00+08:00" },
  { id: "c-3", annualRevenue: 5000000, region: "CN-GD", source: "fair", receivedAt: "2026-11-27T10:00:00+08:00" },
];
it("dump", () => {
  const router = createRouter(ruleSet);
  const out: string[] = [];
  const res = router.assign({ customers, reps, now: "2026-11-27T21:00:00+08:00" });
  out.push(JSON.stringify(res.decisions.map(d => ({...d, explanation: undefined})), null, 2));
  for (const d of res.decisions) {
    out.push(`=== summary ${d.customerId}`);
    out.push(JSON.stringify(d.explanation, null, 2));
    out.push(formatExplanation(d.explanation));
    out.push(formatExplanation(d.explanation, { locale: "zh-CN" }));
  }
  const full = router.explain({ customerId: "c-2", customers, reps, now: "2026-11-27T21:00:00+08:00" });
  out.push("=== full c-2");
  out.push(JSON.stringify(full, null, 2));
  out.push(formatExplanation(full));
  out.push(formatExplanation(full, { locale: "zh-CN" }));
  out.push("=== events");
  out.push(JSON.stringify(res.events, null, 2));
  out.push("=== state");
  out.push(JSON.stringify(res.state, null, 2));
  // second call: c-3 again, protected
  const res2 = router.assign({ customers: [{ id: "c-1", annualRevenue: 1, region: "CN-SH", source: "web" }], reps, state: res.state, now: "2026-11-28T10:00:00+08:00" });
  out.push("=== kept");
  out.push(JSON.stringify(res2.decisions[0]!.explanation, null, 2));
  out.push(formatExplanation(res2.decisions[0]!.explanation));
  out.push(formatExplanation(res2.decisions[0]!.explanation, { locale: "zh-CN" }));
  fs.writeFileSync("/tmp/scratch/out.txt", out.join("\n"));
});
