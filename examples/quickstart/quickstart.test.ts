import { expect, it } from "vitest";
import { report, result } from "./quickstart";

it("routes the README's three leads as the README says", () => {
  expect(result.decisions.map((d) => [d.customerId, d.outcome, d.repId ?? d.queue])).toEqual([
    ["c1", "assigned", "wang"],
    ["c2", "assigned", "zhao"],
    ["c3", "queued", "unassigned"],
  ]);
  expect(result.state.version).toBe(1);
  expect(report()).toContain(
    'Customer c1 → assigned to wang (rule "east", rule set acme@2026-11-27.1)',
  );
});
