import type { AssignResult } from "../engine/assign";
import { parseNow, runAssign } from "../engine/assign";
import { type CompiledRuleSet, compileRuleSet } from "../engine/compile";
import { memberResolver } from "../engine/context";
import type { Decision } from "../engine/decide";
import { prepareRoster, type Roster } from "../engine/roster";
import { COMPILED, type Router, type RouterWithInternals } from "../engine/router";
import type { ConflictType, ExclusionCode, Outcome, QueueReason } from "../explain/codes";
import type { Conflict } from "../explain/types";
import type { RuleSet } from "../schema/rule-set";
import type { RouterState } from "../schema/state";
import type { StrategyName } from "../strategies/types";
import { dayKey, toIso } from "../time";
import { gini, maxShareDeviation } from "./fairness";

/** Arguments of {@link simulate}: the same inputs as `router.assign`. */
export interface SimulateInput {
  customers: readonly unknown[];
  reps: readonly unknown[];
  state?: RouterState | undefined;
  now: string | number;
  /** Detail of the explanations kept in `result` (default `full`: a simulation is for reading). */
  explain?: "summary" | "full" | undefined;
}

/** One rep's figures in a simulation. */
export interface RepReport {
  repId: string;
  /** The rep's `name`, or null (no name, or not in the roster). */
  name: string | null;
  /** The rep's weight (1 for a rep not in the roster). */
  weight: number;
  /** Decisions with outcome `assigned` to this rep (through a pool or a fixed `{ rep }` target). */
  assigned: number;
  /** Decisions with outcome `kept` (the rep owned the customer already). */
  kept: number;
  /** Decisions with outcome `account_owner`. */
  accountOwner: number;
  /** `assigned + kept + accountOwner`. */
  total: number;
  /** customers queued while this rep was excluded for capacity (daily/weekly/owned cap) */
  queuedForCapacity: number;
  /** `assigned` / all `assigned` decisions (0 when nothing was assigned). */
  share: number;
  /** The rep's weighted share of the assignments made through its pools; null without a pool. */
  targetShare: number | null;
  /** `share − targetShare`, or null without a target. */
  deviation: number | null;
}

/** Fairness of one pool's selections. */
export interface PoolFairness {
  poolId: string;
  strategy: StrategyName;
  /** Largest |count − n·w/W| over the pool's members, in customers; null when the pool assigned nobody. */
  maxDeviation: number | null;
  /** Gini coefficient of count/weight over the pool's members; null when the pool assigned nobody. */
  gini: number | null;
}

/** What {@link simulate} returns: the distribution, fairness and the full assign result. */
export interface SimulationReport {
  ruleSet: { id: string; revision: string | null };
  /** `now` of the call as an ISO-8601 UTC instant. */
  now: string;
  totals: {
    customers: number;
    decided: number;
    rejected: number;
    byOutcome: Record<Outcome, number>;
  };
  /** Every rep of the roster (plus reps in decisions who are not in the roster), sorted by id. */
  perRep: RepReport[];
  /**
   * Rules in declared order, then a row `"(none)"` for decisions no rule decided. A customer
   * queued because a rule's target had nobody eligible counts under that rule (see
   * {@link decidingRule}).
   */
  perRule: { ruleId: string; customers: number; assigned: number; queued: number }[];
  /** Queues with the decisions left in them and why, sorted by queue name. */
  queues: { queue: string; count: number; reasons: Partial<Record<QueueReason, number>> }[];
  conflicts: { byType: Record<ConflictType, number>; list: Conflict[] };
  /** Per calendar day of decision time in the rule set's time zone, sorted. */
  timeline: {
    day: string;
    assigned: number;
    kept: number;
    accountOwner: number;
    queued: number;
    conflict: number;
  }[];
  fairness: {
    /** Largest pool `maxDeviation`; null when no pool assigned anybody. */
    maxDeviation: number | null;
    /** Gini of assigned/targetShare over reps with a positive target; null when there is none. */
    gini: number | null;
    /** Every pool of the rule set, sorted by id. */
    pools: PoolFairness[];
  };
  /** The full assign result (decisions with explanations, rejected, conflicts, events, state). */
  result: AssignResult;
}

/** The row of `perRule` (and of the diff's `rules`) for decisions no rule decided. */
export const NO_RULE = "(none)";

/**
 * The rule a decision is counted under: its `ruleId`, else the last rule tried (a customer
 * queued because that rule's target had nobody eligible), else {@link NO_RULE} (kept, account
 * owner, no rule matched, a `unique` conflict, an evaluation error).
 */
export function decidingRule(d: Decision): string {
  return d.ruleId ?? d.explanation.winner?.ruleId ?? NO_RULE;
}

const CAPACITY_CODES: ReadonlySet<ExclusionCode> = new Set<ExclusionCode>([
  "daily_cap_reached",
  "weekly_cap_reached",
  "owned_cap_reached",
]);

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function hasInternals(router: Router): router is RouterWithInternals {
  return COMPILED in router;
}

/** The compiled rule set of a router (compiled afresh for a router built elsewhere). */
export function compiledOf(router: Router): CompiledRuleSet {
  return hasInternals(router) ? router[COMPILED] : compileRuleSet(router.ruleSet, undefined);
}

function zeroOutcomes(): Record<Outcome, number> {
  return { assigned: 0, kept: 0, account_owner: 0, queued: 0, conflict: 0 };
}

/** Zero per conflict type, in CONFLICT_TYPES order (a new type is a compile error here). */
function zeroConflicts(): Record<ConflictType, number> {
  return {
    rule_overlap: 0,
    protected_owner: 0,
    duplicate_in_batch: 0,
    claim_collision: 0,
    no_eligible_rep: 0,
  };
}

/**
 * The batch decided with the detail asked for (full by default), and per customer the reps an
 * attempt excluded for capacity. A router of this library reports exclusions as it decides, in
 * one run of any detail; another router's full explanations list them (and a second run gives
 * a summary `result` when one is asked for).
 */
function decideWithExclusions(
  router: Router,
  compiled: CompiledRuleSet,
  input: SimulateInput,
): { result: AssignResult; capped: ReadonlyMap<string, ReadonlySet<string>> } {
  const call = {
    customers: input.customers,
    reps: input.reps,
    state: input.state,
    now: input.now,
    explain: input.explain ?? "full",
  };
  const capped = new Map<string, Set<string>>();
  const note = (customerId: string, repId: string, code: ExclusionCode) => {
    if (!CAPACITY_CODES.has(code)) return;
    let reps = capped.get(customerId);
    if (reps === undefined) {
      reps = new Set();
      capped.set(customerId, reps);
    }
    reps.add(repId);
  };
  if (hasInternals(router)) return { result: runAssign(compiled, call, undefined, note), capped };
  const full = router.assign({ ...call, explain: "full" });
  for (const d of full.decisions)
    for (const a of d.explanation.attempts)
      for (const e of a.excluded ?? []) note(d.customerId, e.repId, e.code);
  return { result: call.explain === "summary" ? router.assign(call) : full, capped };
}

/** The pool a decision was assigned through, if any. */
function poolOf(decision: Decision, rulesById: ReadonlyMap<string, RuleSet["rules"][number]>) {
  if (decision.outcome !== "assigned" || decision.ruleId === undefined) return undefined;
  return rulesById.get(decision.ruleId)?.assign.pool;
}

/** Members that can take customers: in the roster and active, in rotation order. */
function activeMembers(
  compiled: CompiledRuleSet,
  roster: Roster,
): (poolId: string) => { repId: string; weight: number }[] {
  const members = memberResolver(compiled, roster);
  return (poolId) => {
    const pool = compiled.ruleSet.pools[poolId];
    const weighted = pool?.strategy === "weighted";
    const out: { repId: string; weight: number }[] = [];
    for (const id of members(poolId)) {
      const rep = roster.byId.get(id);
      if (rep?.active) out.push({ repId: id, weight: weighted ? rep.weight : 1 });
    }
    return out;
  };
}

/**
 * Run a rule set over a batch and report the distribution: per rep (assigned, kept, account
 * owner, queued for lack of capacity, share against the weighted target), per rule, per outcome,
 * queue reasons, conflicts, a per-day timeline and fairness figures.
 *
 * The batch is run once, with the explanation detail asked for: per-rep capacity figures need
 * every rep excluded for capacity, which the engine reports as it decides whatever the detail
 * (the detail never changes a decision). Pure and deterministic: the same inputs give a
 * byte-identical report. Throws `LeadRouteError` on invalid reps, state or `now`, as `assign`
 * does.
 */
export function simulate(router: Router, input: SimulateInput): SimulationReport {
  const rs = router.ruleSet;
  const compiled = compiledOf(router);
  const { result, capped } = decideWithExclusions(router, compiled, input);
  const roster = prepareRoster(input.reps, rs);
  const rulesById = new Map(rs.rules.map((r) => [r.id, r]));
  const decisions = result.decisions;

  // Totals and outcomes.
  const byOutcome = zeroOutcomes();
  for (const d of decisions) byOutcome[d.outcome] += 1;
  const totalAssigned = byOutcome.assigned;

  // Per rep.
  interface Tally {
    assigned: number;
    kept: number;
    accountOwner: number;
    queuedForCapacity: number;
  }
  const tallies = new Map<string, Tally>();
  const tally = (repId: string): Tally => {
    let t = tallies.get(repId);
    if (!t) {
      t = { assigned: 0, kept: 0, accountOwner: 0, queuedForCapacity: 0 };
      tallies.set(repId, t);
    }
    return t;
  };
  for (const rep of roster.list) tally(rep.id);
  for (const d of decisions) {
    if (d.repId !== undefined) {
      const t = tally(d.repId);
      if (d.outcome === "assigned") t.assigned += 1;
      else if (d.outcome === "kept") t.kept += 1;
      else if (d.outcome === "account_owner") t.accountOwner += 1;
    }
    if (d.outcome === "queued") {
      // Once per customer and rep, however many attempts excluded the rep for capacity.
      for (const repId of capped.get(d.customerId) ?? []) tally(repId).queuedForCapacity += 1;
    }
  }

  // Pools: assignments through each pool, per member.
  const members = activeMembers(compiled, roster);
  const poolIds = Object.keys(rs.pools).sort(byString);
  const poolCounts = new Map<string, Map<string, number>>();
  for (const d of decisions) {
    const poolId = poolOf(d, rulesById);
    if (poolId === undefined || d.repId === undefined) continue;
    const counts = poolCounts.get(poolId) ?? new Map<string, number>();
    counts.set(d.repId, (counts.get(d.repId) ?? 0) + 1);
    poolCounts.set(poolId, counts);
  }
  const target = new Map<string, number>();
  const pools: PoolFairness[] = poolIds.map((poolId) => {
    const strategy = rs.pools[poolId]!.strategy;
    const list = members(poolId);
    const counts = poolCounts.get(poolId);
    const n = counts ? [...counts.values()].reduce((a, b) => a + b, 0) : 0;
    const weightSum = list.reduce((a, m) => a + m.weight, 0);
    for (const m of list) {
      target.set(
        m.repId,
        (target.get(m.repId) ?? 0) + (weightSum > 0 ? (n * m.weight) / weightSum : 0),
      );
    }
    if (n === 0 || list.length === 0) return { poolId, strategy, maxDeviation: null, gini: null };
    const c = list.map((m) => counts?.get(m.repId) ?? 0);
    const w = list.map((m) => m.weight);
    return {
      poolId,
      strategy,
      maxDeviation: maxShareDeviation(c, w),
      gini: gini(c.map((x, i) => x / w[i]!)),
    };
  });

  const repIds = [...tallies.keys()].sort(byString);
  const perRep: RepReport[] = repIds.map((repId) => {
    const t = tallies.get(repId)!;
    const info = roster.byId.get(repId);
    const share = totalAssigned > 0 ? t.assigned / totalAssigned : 0;
    const expected = target.get(repId);
    const targetShare =
      expected !== undefined && totalAssigned > 0 ? expected / totalAssigned : null;
    return {
      repId,
      name: info?.rep.name ?? null,
      weight: info?.weight ?? 1,
      assigned: t.assigned,
      kept: t.kept,
      accountOwner: t.accountOwner,
      total: t.assigned + t.kept + t.accountOwner,
      queuedForCapacity: t.queuedForCapacity,
      share,
      targetShare,
      deviation: targetShare === null ? null : share - targetShare,
    };
  });

  const ratios = perRep
    .filter((r) => r.targetShare !== null && r.targetShare > 0)
    .map((r) => r.share / r.targetShare!);
  const poolDeviations = pools.flatMap((p) => (p.maxDeviation === null ? [] : [p.maxDeviation]));

  return {
    ruleSet: { id: rs.id, revision: rs.revision ?? null },
    now: toIso(parseNow(input.now, rs.timezone)),
    totals: {
      customers: input.customers.length,
      decided: decisions.length,
      rejected: result.rejected.length,
      byOutcome,
    },
    perRep,
    perRule: perRule(rs, decisions),
    queues: queues(decisions),
    conflicts: { byType: conflictCounts(result.conflicts), list: result.conflicts },
    timeline: timeline(decisions, rs.timezone),
    fairness: {
      maxDeviation: poolDeviations.length > 0 ? Math.max(...poolDeviations) : null,
      gini: ratios.length > 0 ? gini(ratios) : null,
      pools,
    },
    result,
  };
}

/** Per rule in declared order, then the `(none)` row. */
function perRule(rs: RuleSet, decisions: readonly Decision[]): SimulationReport["perRule"] {
  const rows = new Map<
    string,
    { ruleId: string; customers: number; assigned: number; queued: number }
  >();
  for (const r of rs.rules) rows.set(r.id, { ruleId: r.id, customers: 0, assigned: 0, queued: 0 });
  const none = { ruleId: NO_RULE, customers: 0, assigned: 0, queued: 0 };
  for (const d of decisions) {
    const row = rows.get(decidingRule(d)) ?? none;
    row.customers += 1;
    if (d.outcome === "assigned") row.assigned += 1;
    else if (d.outcome === "queued") row.queued += 1;
  }
  return [...rows.values(), none];
}

/** Decisions left in a queue (outcomes `queued` and `conflict`), per queue name. */
function queues(decisions: readonly Decision[]): SimulationReport["queues"] {
  const out = new Map<string, SimulationReport["queues"][number]>();
  for (const d of decisions) {
    if (d.queue === undefined) continue;
    const row = out.get(d.queue) ?? { queue: d.queue, count: 0, reasons: {} };
    row.count += 1;
    const reason = d.explanation.queueReason;
    if (reason !== undefined) row.reasons[reason] = (row.reasons[reason] ?? 0) + 1;
    out.set(d.queue, row);
  }
  return [...out.values()].sort((a, b) => byString(a.queue, b.queue));
}

function conflictCounts(conflicts: readonly Conflict[]): Record<ConflictType, number> {
  const byType = zeroConflicts();
  for (const c of conflicts) byType[c.type] += 1;
  return byType;
}

function timeline(decisions: readonly Decision[], timeZone: string): SimulationReport["timeline"] {
  const days = new Map<string, SimulationReport["timeline"][number]>();
  for (const d of decisions) {
    const day = dayKey(Date.parse(d.explanation.decidedAt), timeZone);
    const row = days.get(day) ?? {
      day,
      assigned: 0,
      kept: 0,
      accountOwner: 0,
      queued: 0,
      conflict: 0,
    };
    if (d.outcome === "account_owner") row.accountOwner += 1;
    else row[d.outcome] += 1;
    days.set(day, row);
  }
  return [...days.values()].sort((a, b) => byString(a.day, b.day));
}
