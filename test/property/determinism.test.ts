import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RouterState } from "../../src/index";
import { worldArb } from "./arbitraries";
import { routerFor, runs, runWorld } from "./harness";

describe("determinism", () => {
  it("the same inputs give byte-identical JSON, with the same router and with a fresh one", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((operators) => worldArb({ reuseIds: true, operators })),
        fc.constantFrom("summary", "full"),
        (world, explain) => {
          const router = routerFor(world);
          const first = JSON.stringify(runWorld(world, { router, explain }));
          const again = JSON.stringify(runWorld(world, { router, explain }));
          const fresh = JSON.stringify(runWorld(world, { router: routerFor(world), explain }));
          expect(again).toBe(first);
          expect(fresh).toBe(first);
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it("a state read back from JSON gives the same results as the state object itself", () => {
    const roundTrip = (s: RouterState): RouterState => JSON.parse(JSON.stringify(s));
    fc.assert(
      fc.property(worldArb({ reuseIds: true }), (world) => {
        const direct = runWorld(world);
        const viaJson = runWorld(world, { through: roundTrip });
        expect(JSON.stringify(viaJson)).toBe(JSON.stringify(direct));
      }),
      { numRuns: runs(60) },
    );
  });
});
