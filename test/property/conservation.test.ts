import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRouter, OUTCOMES } from "../../src/index";
import { customersArb, DAY, repsArb, ruleSetArb, T0 } from "./arbitraries";
import { runs } from "./harness";

/** Records that must be rejected, mixed into valid batches. */
const invalidRecord = fc.constantFrom<unknown>(
  {},
  { id: "" },
  { id: 7 },
  null,
  "text",
  [],
  { id: "bad-date", receivedAt: "2026-02-30T00:00:00Z" },
  { id: "no-offset", receivedAt: "2026-03-02T10:00:00" },
  { id: "future", receivedAt: "2027-01-01T00:00:00Z" },
  { id: "bad-region", region: "Shanghai" },
);

describe("nothing is lost", () => {
  it("every record is decided or rejected exactly once, in a consistent shape", () => {
    fc.assert(
      fc.property(
        ruleSetArb(),
        repsArb(),
        customersArb("c", T0, T0 + 3 * DAY, 10),
        fc.array(fc.tuple(invalidRecord, fc.nat()), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (ruleSet, reps, valid, invalid, duplicates) => {
          const customers: unknown[] = [...valid];
          for (const [record, at] of invalid)
            customers.splice(at % (customers.length + 1), 0, record);
          // Duplicates of valid ids, inserted after their first occurrence.
          for (const d of duplicates) customers.push({ ...valid[d % valid.length]!, dup: true });
          const router = createRouter(ruleSet);
          const result = router.assign({
            customers,
            reps,
            now: new Date(T0 + 4 * DAY).toISOString(),
          });

          expect(result.decisions.length + result.rejected.length).toBe(customers.length);
          const decided = result.decisions.map((d) => d.customerId);
          expect(new Set(decided).size).toBe(decided.length);
          expect([...decided].sort()).toEqual(valid.map((c) => c.id).sort());
          const indexes = result.rejected.map((r) => r.index);
          expect(new Set(indexes).size).toBe(indexes.length);
          for (const r of result.rejected) {
            expect(r.issues.length).toBeGreaterThan(0);
            // A rejected duplicate is never the first valid occurrence.
            expect((customers[r.index] as { dup?: boolean } | null)?.dup ?? true).toBe(true);
          }
          for (const d of result.decisions) {
            expect(OUTCOMES).toContain(d.outcome);
            const owned =
              d.outcome === "assigned" || d.outcome === "kept" || d.outcome === "account_owner";
            expect(d.repId !== undefined).toBe(owned);
            expect(d.queue !== undefined).toBe(!owned);
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });
});
