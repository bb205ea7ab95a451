import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialState, replay } from "../../src/index";
import { worldArb } from "./arbitraries";
import { runs, runWorld } from "./harness";

describe("replay", () => {
  it("rebuilds each call's state from its events, and the final state from all events", () => {
    fc.assert(
      fc.property(worldArb({ reuseIds: true }), (world) => {
        const results = runWorld(world);
        let previous = initialState();
        for (const r of results) {
          expect(replay(r.events, previous)).toEqual(r.state);
          expect(r.events.every((e) => e.version === r.state.version)).toBe(true);
          previous = r.state;
        }
        const all = results.flatMap((r) => r.events);
        expect(replay(all)).toEqual(results.at(-1)!.state);
        expect(JSON.parse(JSON.stringify(replay(JSON.parse(JSON.stringify(all)))))).toEqual(
          JSON.parse(JSON.stringify(results.at(-1)!.state)),
        );
      }),
      { numRuns: runs(150) },
    );
  });
});
