import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { worldArb } from "./arbitraries";
import { isoWeek, localDate, routerFor, runs, runWorld } from "./harness";

describe("caps are never exceeded", () => {
  it("per day and ISO week in the rule set's time zone, and owned customers, counted from the decisions", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((operators) => worldArb({ reuseIds: true, operators })),
        (world) => {
          const router = routerFor(world);
          const rs = router.ruleSet;
          const caps = new Map(
            world.reps.map((r) => [
              r.id,
              {
                perDay: r.capacity?.perDay ?? rs.capacity.perDay,
                perWeek: r.capacity?.perWeek ?? rs.capacity.perWeek,
                owned: r.capacity?.owned ?? rs.capacity.owned,
              },
            ]),
          );
          const perDay = new Map<string, number>();
          const perWeek = new Map<string, number>();
          const owner = new Map<string, string | null>();
          const ownedBy = (rep: string) => [...owner.values()].filter((o) => o === rep).length;
          for (const result of runWorld(world, { router })) {
            for (const d of result.decisions) {
              const date = localDate(Date.parse(d.explanation.decidedAt), rs.timezone);
              const dayKey = `${d.repId}@${date}`;
              const weekKey = `${d.repId}@${isoWeek(date)}`;
              if (d.outcome === "assigned") {
                // Checked before counting this one: the rep was below every cap when chosen.
                const cap = caps.get(d.repId!);
                expect(cap, `assigned to ${d.repId}, who is not in the roster`).toBeDefined();
                if (cap?.perDay !== undefined)
                  expect(perDay.get(dayKey) ?? 0).toBeLessThan(cap.perDay);
                if (cap?.perWeek !== undefined)
                  expect(perWeek.get(weekKey) ?? 0).toBeLessThan(cap.perWeek);
                const before = owner.get(d.customerId) === d.repId ? 1 : 0;
                if (cap?.owned !== undefined)
                  expect(ownedBy(d.repId!) - before).toBeLessThan(cap.owned);
              }
              // Account owners outrank caps (DESIGN §4) but their customers still count.
              if (d.outcome === "assigned" || d.outcome === "account_owner") {
                perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
                perWeek.set(weekKey, (perWeek.get(weekKey) ?? 0) + 1);
              }
              owner.set(d.customerId, d.repId ?? null);
            }
          }
        },
      ),
      { numRuns: runs(250) },
    );
  });
});
