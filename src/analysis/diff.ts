import type { Decision } from "../engine/decide";
import { createRouter } from "../engine/router";
import type { Outcome } from "../explain/codes";
import type { Explanation } from "../explain/types";
import type { CustomOperators } from "../logic";
import type { RouterState } from "../schema/state";
import { decidingRule, NO_RULE } from "./simulate";

/** Arguments of {@link diffRuleSets}: one batch, run under both rule sets. */
export interface DiffInput {
  customers: readonly unknown[];
  reps: readonly unknown[];
  state?: RouterState | undefined;
  now: string | number;
  /** How many changed decisions to include with both explanations (default 20). */
  sampleSize?: number | undefined;
  /** Custom JSON Logic operators, passed to both routers. */
  operators?: CustomOperators | undefined;
}

/** Where one customer went under one rule set. */
export interface DecisionSummary {
  outcome: Outcome;
  repId: string | null;
  queue: string | null;
  ruleId: string | null;
}

/** The impact of replacing rule set A (`before`) by rule set B (`after`) on one batch. */
export interface RuleSetDiff {
  before: { id: string; revision: string | null };
  after: { id: string; revision: string | null };
  /** Customers decided under both rule sets (customers rejected by either are counted in neither). */
  customers: number;
  /** Customers whose destination (rep, or queue) differs. */
  changed: number;
  /** `changed / customers` (0 for an empty batch). */
  changedShare: number;
  /** Changed customers per (from, to) destination pair: a rep id or `queue:<name>`. */
  matrix: { from: string; to: string; count: number }[];
  /** Decisions per rule (counted as in `simulate`'s `perRule`, with `(none)`) under each rule set. */
  rules: { ruleId: string; before: number; after: number; delta: number }[];
  /** Customers per rep (any outcome that names a rep) under each rule set. */
  reps: { repId: string; before: number; after: number; delta: number }[];
  /** The first changed customers in decision order, with both full explanations. */
  sample: {
    customerId: string;
    before: DecisionSummary;
    after: DecisionSummary;
    explanations: { before: Explanation; after: Explanation };
  }[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function summarize(d: Decision): DecisionSummary {
  return {
    outcome: d.outcome,
    repId: d.repId ?? null,
    queue: d.queue ?? null,
    ruleId: d.ruleId ?? null,
  };
}

/** A decision's destination: the rep id, else `queue:<name>`. */
function destination(d: Decision): string {
  return d.repId ?? `queue:${d.queue ?? ""}`;
}

interface CountRow {
  id: string;
  before: number;
  after: number;
  delta: number;
}

/** Before/after counts per id, sorted by |delta| descending, then id. */
function countRows(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  always: readonly string[],
): CountRow[] {
  const ids = new Set([...always, ...before.keys(), ...after.keys()]);
  return [...ids]
    .map((id) => {
      const b = before.get(id) ?? 0;
      const a = after.get(id) ?? 0;
      return { id, before: b, after: a, delta: a - b };
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || byString(x.id, y.id));
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Run one batch under two rule sets (two routers, same reps, state and `now`) and compare the
 * decisions customer by customer: how many change destination, a from→to matrix, which rules
 * and reps gain or lose customers, and a sample of changed decisions with both full
 * explanations. Both rule sets are parsed first (a broken one throws `LeadRouteError`). Pure
 * and deterministic.
 */
export function diffRuleSets(ruleSetA: unknown, ruleSetB: unknown, input: DiffInput): RuleSetDiff {
  const options = input.operators ? { operators: input.operators } : {};
  const routerA = createRouter(ruleSetA, options);
  const routerB = createRouter(ruleSetB, options);
  const call = {
    customers: input.customers,
    reps: input.reps,
    state: input.state,
    now: input.now,
    explain: "full" as const,
  };
  const a = routerA.assign(call);
  const b = routerB.assign(call);
  const afterById = new Map(b.decisions.map((d) => [d.customerId, d]));
  const sampleSize = Math.max(0, Math.floor(input.sampleSize ?? 20));

  let customers = 0;
  let changed = 0;
  const pairs = new Map<string, { from: string; to: string; count: number }>();
  const rulesBefore = new Map<string, number>();
  const rulesAfter = new Map<string, number>();
  const repsBefore = new Map<string, number>();
  const repsAfter = new Map<string, number>();
  const sample: RuleSetDiff["sample"] = [];
  for (const before of a.decisions) {
    const after = afterById.get(before.customerId);
    if (after === undefined) continue;
    customers += 1;
    bump(rulesBefore, decidingRule(before));
    bump(rulesAfter, decidingRule(after));
    if (before.repId !== undefined) bump(repsBefore, before.repId);
    if (after.repId !== undefined) bump(repsAfter, after.repId);
    const from = destination(before);
    const to = destination(after);
    if (from === to) continue;
    changed += 1;
    const key = `${from}\u0000${to}`;
    const pair = pairs.get(key) ?? { from, to, count: 0 };
    pair.count += 1;
    pairs.set(key, pair);
    if (sample.length < sampleSize) {
      sample.push({
        customerId: before.customerId,
        before: summarize(before),
        after: summarize(after),
        explanations: { before: before.explanation, after: after.explanation },
      });
    }
  }
  const ruleIds = [...routerA.ruleSet.rules, ...routerB.ruleSet.rules].map((r) => r.id);
  return {
    before: { id: routerA.ruleSet.id, revision: routerA.ruleSet.revision ?? null },
    after: { id: routerB.ruleSet.id, revision: routerB.ruleSet.revision ?? null },
    customers,
    changed,
    changedShare: customers > 0 ? changed / customers : 0,
    matrix: [...pairs.values()].sort(
      (x, y) => y.count - x.count || byString(x.from, y.from) || byString(x.to, y.to),
    ),
    rules: countRows(rulesBefore, rulesAfter, [...ruleIds, NO_RULE]).map(({ id, ...r }) => ({
      ruleId: id,
      ...r,
    })),
    reps: countRows(repsBefore, repsAfter, []).map(({ id, ...r }) => ({ repId: id, ...r })),
    sample,
  };
}
