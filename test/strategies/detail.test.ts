import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PickDetail,
  type PoolState,
  pickWith,
  STRATEGY_NAMES,
  type StrategyInput,
  type StrategyName,
} from "../../src/strategies";

/**
 * The per-rep records each strategy keeps in full detail only (DESIGN §8: summary keeps counts,
 * full keeps every candidate). Typed over every strategy name, so a new strategy needs a row.
 */
const RECORDS = {
  "round-robin": ["skipped"],
  weighted: ["levelsBefore", "levelsAfter"],
  "least-loaded": ["owned"],
  sticky: ["scores"],
} as const satisfies Record<StrategyName, readonly string[]>;

/** Ids that stress the record paths: prototype keys, and enough of them for the large-pool paths. */
const idArb = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "ann", "bob"),
  fc.nat(119).map((i) => `r${i}`),
);

/**
 * A pool (members may repeat an id, and exceed the scan limits of the strategies), eligible
 * subsets in first-occurrence member order for a run of picks, a stored state and the loads.
 */
const runArb = fc
  .record({
    name: fc.constantFrom(...STRATEGY_NAMES),
    members: fc.array(idArb, { minLength: 1, maxLength: 90 }),
    masks: fc.array(fc.array(fc.boolean(), { minLength: 90, maxLength: 90 }), {
      minLength: 1,
      maxLength: 5,
    }),
    levels: fc.dictionary(
      idArb,
      // A persisted state is JSON: it holds no -0.
      fc.double({ min: -1.5, max: 1.5, noNaN: true }).map((x) => x + 0),
    ),
    pointer: fc.option(fc.record({ repId: idArb, index: fc.nat(100) }), { nil: undefined }),
    weights: fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), {
      minLength: 90,
      maxLength: 90,
    }),
    owned: fc.array(fc.nat(3), { minLength: 90, maxLength: 90 }),
    seqs: fc.array(fc.option(fc.nat(5), { nil: undefined }), { minLength: 90, maxLength: 90 }),
    key: fc.string(),
  })
  .map((run) => {
    const unique = [...new Set(run.members)];
    const eligibleAt = run.masks.map((mask) => {
      const eligible = unique.filter((_, i) => mask[i]);
      return eligible.length > 0 ? eligible : unique.slice(-1);
    });
    const state: PoolState = {
      levels: run.levels,
      ...(run.pointer === undefined ? {} : { pointer: run.pointer }),
    };
    return { ...run, unique, eligibleAt, state };
  });

type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never;

/** Pick after pick, threading the state, with one detail mode (or none: the default). */
function picks(run: Run, detail: PickDetail | undefined) {
  let state: PoolState | undefined = run.state;
  return run.eligibleAt.map((eligible, step) => {
    const input: StrategyInput = {
      poolId: "p",
      members: run.members,
      eligible,
      customerKey: `${run.key}#${step}`,
      state,
      load: (repId) => {
        const i = run.unique.indexOf(repId);
        return { weight: run.weights[i]!, owned: run.owned[i]!, lastAssignedSeq: run.seqs[i] };
      },
      ...(detail === undefined ? {} : { detail }),
    };
    const pick = pickWith(run.name, input);
    state = pick.state;
    return pick;
  });
}

/** A small pool: `a` was served last and is not eligible; `c` owns the fewest customers. */
const sample = (detail: PickDetail): StrategyInput => ({
  poolId: "p",
  members: ["a", "b", "c"],
  eligible: ["b", "c"],
  customerKey: "acme",
  state: { pointer: { repId: "a", index: 0 } },
  load: (repId) => ({ weight: 1, owned: repId === "c" ? 0 : 1, lastAssignedSeq: undefined }),
  detail,
});

/** The backticked names in a table cell (`none` for an empty list). */
const names = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("detail modes", () => {
  it("summary picks the same rep and returns a JSON-equal state as full, without the records", () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const full = picks(run, "full");
        const summary = picks(run, "summary");
        const records: readonly string[] = RECORDS[run.name];
        full.forEach((f, step) => {
          const s = summary[step]!;
          expect(s.repId).toBe(f.repId);
          // Bit-identical: the same JSON text, and equal with -0 told apart from 0.
          expect(JSON.stringify(s.state)).toBe(JSON.stringify(f.state));
          expect(s.state).toEqual(f.state);
          for (const key of records) {
            expect(Object.hasOwn(f.detail, key), key).toBe(true);
            expect(Object.hasOwn(s.detail, key), key).toBe(false);
          }
          // Summary is full without the records: every scalar fact is kept, nothing added.
          const scalar = Object.fromEntries(
            Object.entries(f.detail).filter(([key]) => !records.includes(key)),
          );
          expect(s.detail).toStrictEqual(scalar);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("every detail names the rep picked, as its last key (it is the explanation's pick)", () => {
    fc.assert(
      fc.property(runArb, fc.constantFrom("summary", "full"), (run, mode) => {
        for (const p of picks(run, mode)) {
          expect(p.detail.repId).toBe(p.repId);
          expect(Object.keys(p.detail).at(-1)).toBe("repId");
        }
      }),
      { numRuns: 100 },
    );
  });

  it("no detail in the input means full", () => {
    fc.assert(
      fc.property(runArb, (run) => {
        expect(picks(run, undefined)).toStrictEqual(picks(run, "full"));
      }),
      { numRuns: 100 },
    );
  });

  it("keeps the scalar facts of each strategy in summary", () => {
    expect(pickWith("round-robin", sample("summary")).detail).toStrictEqual({
      strategy: "round-robin",
      pointerBefore: { repId: "a", index: 0 },
      pointerAfter: { repId: "b", index: 1 },
      repId: "b",
    });
    expect(pickWith("least-loaded", sample("summary"))).toMatchObject({
      repId: "c",
      detail: { strategy: "least-loaded", tieBreak: "owned", repId: "c" },
    });
    const weighted = pickWith("weighted", sample("summary"));
    expect(weighted.detail).toStrictEqual({ strategy: "weighted", repId: weighted.repId });
    const sticky = pickWith("sticky", sample("summary"));
    expect(sticky.detail).toStrictEqual({ strategy: "sticky", key: "acme", repId: sticky.repId });
  });

  it("docs/strategies.md lists exactly the fields each mode keeps", () => {
    const doc = readFileSync(new URL("../../docs/strategies.md", import.meta.url), "utf8");
    const lines = doc.split("\n");
    const start = lines.indexOf("<!-- pick-data -->");
    expect(start).toBeGreaterThan(-1);
    const rows = new Map<string, { both: string[]; fullOnly: string[] }>();
    for (const line of lines.slice(start + 3)) {
      if (!line.startsWith("|")) break;
      const [strategy = "", both = "", fullOnly = ""] = line.split("|").slice(1, -1);
      rows.set(names(strategy)[0] ?? "", { both: names(both), fullOnly: names(fullOnly) });
    }
    expect([...rows.keys()].sort()).toEqual([...STRATEGY_NAMES].sort());
    for (const name of STRATEGY_NAMES) {
      const summary = Object.keys(pickWith(name, sample("summary")).detail);
      expect(rows.get(name), name).toEqual({
        both: summary.filter((key) => key !== "strategy" && key !== "repId"),
        fullOnly: [...RECORDS[name]],
      });
    }
  });
});
