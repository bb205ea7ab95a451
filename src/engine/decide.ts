import { exclusionOf } from "../eligibility";
import type { EligibilityInput, Exclusion } from "../eligibility/types";
import type { ExclusionCode, Outcome, QueueReason, WinReason } from "../explain/codes";
import type { Attempt, Conflict, Explanation, RuleTrace } from "../explain/types";
import { truthy } from "../logic";
import { MATCHERS } from "../match/matchers";
import type { MatcherKey, MatchFacts } from "../match/types";
import type { Customer } from "../schema/customer";
import type { Target } from "../schema/rule-set";
import type { CustomerState } from "../schema/state";
import { pickWith } from "../strategies";
import type { StrategyName } from "../strategies/types";
import { addCalendarDays, dayKey, isoWeekKey, toIso } from "../time";
import type { CompiledRule } from "./compile";
import type { CallContext } from "./context";
import { type CandidateWalk, MATCHER_BIT } from "./rule-index";
import type { Failure } from "./traces";

/** One customer's decision (DESIGN §8). */
export interface Decision {
  customerId: string;
  outcome: Outcome;
  repId?: string;
  queue?: string;
  ruleId?: string;
  strategy?: StrategyName | "fixed";
  explanation: Explanation;
}

/** What rule, tier and `exempt` conditions read: the record and the decision time. */
export interface ConditionData {
  customer: Readonly<Record<string, unknown>>;
  now: string;
  nowMs: number;
}

/**
 * Walks the rules in hit-policy order, evaluating each at most once. With `summary` detail and a
 * rule index, rules the index rules out are skipped (neither evaluated nor traced): they could
 * not match, and their `when` would never have been reached, so the same conditions run in the
 * same order and the decision is the one the full walk gives. `full` walks and traces every rule.
 */
class RuleCursor {
  /** Position after the last rule considered: the full walk would look at this one next. */
  private pos = 0;
  private readonly walk: CandidateWalk | undefined;
  /** Matchers the index already checked, per rule position (see `RuleIndex.known`). */
  private readonly known: readonly number[];
  /** The traces so far: `full` traces every rule, so its list is sized for all of them. */
  private traces: RuleTrace[];
  private traced = 0;
  constructor(
    private readonly ctx: CallContext,
    private readonly facts: MatchFacts,
    private readonly data: ConditionData,
    private readonly full: boolean,
  ) {
    const index = full ? undefined : ctx.compiled.index;
    this.walk = index?.candidates(facts);
    this.known = index?.known ?? [];
    this.traces = full ? new Array<RuleTrace>(ctx.compiled.ordered.length) : [];
  }

  /** The rule being evaluated: set until its trace is recorded (so after a throw, it is known). */
  private current: CompiledRule | undefined;
  private closed = false;

  private record(trace: RuleTrace): void {
    if (this.full) this.traces[this.traced] = trace;
    else this.traces = appended(this.traces, trace);
    this.traced++;
    this.current = undefined;
  }

  /** The trace of a rule whose condition threw. */
  private thrown(r: CompiledRule, error: unknown): RuleTrace {
    return {
      ruleId: r.rule.id,
      priority: r.rule.priority,
      matched: false,
      failed: { matcher: "when", value: null },
      error: error instanceof Error ? error.message : String(error),
    };
  }

  /** The next matching rule, or undefined when none is left. */
  next(): CompiledRule | undefined {
    const rules = this.ctx.compiled.ordered;
    const walk = this.walk;
    if (walk !== undefined) {
      const known = this.known;
      for (let p = walk.next(); p >= 0; p = walk.next()) {
        this.pos = p + 1;
        const r = rules[p]!;
        if (this.evaluate(r, known[p]!)) return r;
      }
      this.pos = rules.length;
      return undefined;
    }
    while (this.pos < rules.length) {
      const r = rules[this.pos++]!;
      if (this.evaluate(r)) return r;
    }
    return undefined;
  }

  /** The next rule in order, matched or not, without evaluating it. */
  peek(): CompiledRule | undefined {
    return this.ctx.compiled.ordered[this.pos];
  }

  /** Evaluate every remaining rule; returns the matches. */
  drain(): CompiledRule[] {
    const matches: CompiledRule[] = [];
    for (let r = this.next(); r !== undefined; r = this.next()) matches.push(r);
    return matches;
  }

  /**
   * Trace every remaining rule for a full explanation. The decision is already made, so a
   * condition that throws here is recorded on its trace, never allowed to change the decision.
   */
  private traceRest(): void {
    for (;;) {
      try {
        if (this.next() === undefined) return;
      } catch (error) {
        this.record(this.thrown(this.ctx.compiled.ordered[this.pos - 1]!, error));
      }
    }
  }

  /** Put the traced rules in the explanation (every remaining one too when `full`). */
  close(explanation: Explanation): void {
    if (this.closed) return;
    this.closed = true;
    if (this.full) {
      this.traceRest();
      this.traces.length = this.traced;
    }
    explanation.rules = this.traces;
    explanation.rulesNotEvaluated = this.ctx.compiled.ordered.length - this.traced;
  }

  /**
   * Close the list after an error ended the decision: a rule whose condition threw is traced with
   * the error, so the explanation shows the rules evaluated up to it (and, `full`, the rest).
   */
  abandon(explanation: Explanation, error: unknown): void {
    if (this.closed) return;
    if (this.current !== undefined) this.record(this.thrown(this.current, error));
    this.close(explanation);
  }

  /** Evaluate one rule; `known` has the {@link MATCHER_BIT}s of matchers known to hold. */
  private evaluate(r: CompiledRule, known = 0): boolean {
    this.current = r;
    for (const m of r.matchers) {
      if ((known & MATCHER_BIT[m.key]) === 0 && !m.test(this.facts))
        return this.miss(r, m.key, undefined);
    }
    if (r.when !== undefined) {
      const result = r.when(this.data);
      if (!truthy(result)) return this.miss(r, "when", result);
    }
    this.record(this.ctx.traces.hit(r));
    return true;
  }

  private miss(r: CompiledRule, matcher: MatcherKey | "when", whenResult: unknown): false {
    const book = this.ctx.traces;
    const failed = !this.full
      ? book.failure(matcher)
      : matcher === "when"
        ? book.whenFailure(whenResult)
        : this.shownFailure(matcher);
    this.record(book.miss(r, failed));
    return false;
  }

  /**
   * This customer's shown failure per matcher: its value is computed once per customer (the map
   * is made on first need: summary explanations never show values).
   */
  private failures: Map<MatcherKey, Failure> | undefined;

  private shownFailure(matcher: MatcherKey): Failure {
    this.failures ??= new Map();
    let hit = this.failures.get(matcher);
    if (hit === undefined) {
      const { ruleSet, territories } = this.ctx.compiled;
      const value = MATCHERS[matcher].value(this.facts, { ruleSet, territories });
      hit = this.ctx.traces.matcherFailure(matcher, value);
      this.failures.set(matcher, hit);
    }
    return hit;
  }
}

/**
 * `list` (this decision's own, or empty) with `item` appended. An explanation's lists mostly
 * hold one item, and pushing onto an empty array reserves room for 17, which every retained
 * explanation would keep.
 */
function appended<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

/** No conflicts: one frozen list, shared by every explanation without any (of every call). */
export const NO_CONFLICTS: readonly Conflict[] = Object.freeze([]);

/** `conflicts` and one more, as a new list (conflicts are rare: a copy costs nothing here). */
const withConflict = (conflicts: readonly Conflict[], conflict: Conflict): readonly Conflict[] => [
  ...conflicts,
  conflict,
];

/**
 * No rep excluded: one frozen record, shared by every such attempt (of every call) and by the
 * `no_eligible_rep` conflicts that quote it; explanations are read-only values.
 */
const NONE_EXCLUDED: Attempt["excludedCounts"] = Object.freeze({});

/** The customer's tier: given on the record, else the first `tiers` entry whose condition holds. */
export function resolveTier(
  ctx: CallContext,
  customer: Customer,
  data: ConditionData,
): Explanation["tier"] {
  if (customer.tier !== undefined) return { id: customer.tier, source: "given" };
  for (const t of ctx.compiled.tiers)
    if (truthy(t.when(data))) return { id: t.id, source: "computed" };
  return null;
}

/** Does a rule's target include this rep (so routing it there would not displace them)? */
function targetIncludes(ctx: CallContext, target: Target, repId: string): boolean {
  if (target.rep !== undefined) return target.rep === repId;
  if (target.pool !== undefined) return ctx.members(target.pool).includes(repId);
  return false;
}

/**
 * Run eligibility and selection for one rule's rep or pool target: the attempt has a `pick`
 * (the rep and the strategy, or `fixed`) when an eligible rep was found.
 */
function tryTarget(
  ctx: CallContext,
  rule: CompiledRule,
  base: Omit<EligibilityInput, "rep">,
  full: boolean,
): Attempt {
  const target = rule.rule.assign;
  const { ids: candidates, reps, checks } = ctx.candidates(target);
  let excludedCounts: Partial<Record<ExclusionCode, number>> | undefined;
  const excluded: Exclusion[] | undefined = full ? [] : undefined;
  // Sized for the whole pool and trimmed after: growing from empty allocates twice over.
  const eligible: string[] = new Array<string>(candidates.length);
  let eligibleCount = 0;
  // One input object for the whole pool, re-pointed at each rep: the filters read it and keep
  // nothing of it, so this saves an object per candidate without changing any result.
  let input: { -readonly [K in keyof EligibilityInput]: EligibilityInput[K] } | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const id = candidates[i]!;
    const rep = reps[i];
    const repChecks = checks[i];
    let exclusion: Exclusion | undefined;
    if (rep === undefined || repChecks === undefined)
      exclusion = { repId: id, code: "inactive", details: { notInRoster: true } };
    else {
      // Written out, not spread from `base`: a literal of one fixed shape is much cheaper here.
      if (input === undefined)
        input = {
          rep,
          customer: base.customer,
          tier: base.tier,
          customerState: base.customerState,
          at: base.at,
          dayKey: base.dayKey,
          weekKey: base.weekKey,
          ruleSet: base.ruleSet,
          territories: base.territories,
          state: base.state,
        };
      else input.rep = rep;
      exclusion = exclusionOf(repChecks, input);
    }
    if (exclusion === undefined) eligible[eligibleCount++] = id;
    else {
      excludedCounts ??= {};
      excludedCounts[exclusion.code] = (excludedCounts[exclusion.code] ?? 0) + 1;
      // Answers are reused across customers: each explanation gets its own copy.
      excluded?.push({ ...exclusion, details: { ...exclusion.details } } as Exclusion);
      ctx.onExcluded?.(base.customer.id, id, exclusion.code);
    }
  }
  eligible.length = eligibleCount;
  const pick =
    eligibleCount === 0 ? undefined : pickRep(ctx, target, candidates, eligible, base, full);
  // One literal per shape: an attempt built field by field outgrows its in-object slots, and
  // every explanation keeps its attempts.
  const ruleId = rule.rule.id;
  const counts = excludedCounts ?? NONE_EXCLUDED;
  if (excluded !== undefined) {
    const attempt: Attempt = {
      ruleId,
      target,
      candidates: candidates.length,
      eligible: eligibleCount,
      excludedCounts: counts,
      excluded,
      eligibleReps: eligible,
    };
    if (pick !== undefined) attempt.pick = pick;
    return attempt;
  }
  return pick === undefined
    ? {
        ruleId,
        target,
        candidates: candidates.length,
        eligible: eligibleCount,
        excludedCounts: counts,
      }
    : {
        ruleId,
        target,
        candidates: candidates.length,
        eligible: eligibleCount,
        excludedCounts: counts,
        pick,
      };
}

/**
 * Pick one of a target's eligible reps (non-empty, in member order): its fixed rep, or one by
 * the pool's strategy (whose new pool state is written to the working state).
 */
function pickRep(
  ctx: CallContext,
  target: Target,
  candidates: readonly string[],
  eligible: string[],
  base: Omit<EligibilityInput, "rep">,
  full: boolean,
): NonNullable<Attempt["pick"]> {
  const poolId = target.pool;
  if (poolId === undefined) return { strategy: "fixed", repId: eligible[0]! };
  const strategy = ctx.compiled.ruleSet.pools[poolId]!.strategy;
  const before = ctx.state.pool(poolId);
  const pick = pickWith(strategy, {
    poolId,
    members: candidates,
    eligible,
    customerKey: base.customer.accountId ?? base.customer.id,
    state: before,
    detail: full ? "full" : "summary",
    load: ctx.load,
  });
  if (pick.state !== before) ctx.state.setPool(poolId, pick.state);
  // A strategy's detail is a fresh object it does not keep (see Strategy), naming the rep: it
  // is the pick as it stands.
  return pick.detail;
}

/**
 * The fields the state remembers about a customer (DESIGN §7), from its current record, added to
 * `out` in schema order (one object per record, not a spread of a second one).
 */
function addRememberedFacts<T extends Partial<CustomerState>>(
  out: T,
  customer: Customer,
  tier: string | undefined,
  prev: CustomerState | undefined,
): T {
  const accountId = customer.accountId ?? prev?.accountId;
  if (accountId !== undefined) out.accountId = accountId;
  const t = tier ?? prev?.tier;
  if (t !== undefined) out.tier = t;
  // Written out rather than looped over a key list: this runs for every decision.
  const country = customer.country ?? prev?.country;
  if (country !== undefined) out.country = country;
  const region = customer.region ?? prev?.region;
  if (region !== undefined) out.region = region;
  const postalCode = customer.postalCode ?? prev?.postalCode;
  if (postalCode !== undefined) out.postalCode = postalCode;
  const industry = customer.industry ?? prev?.industry;
  if (industry !== undefined) out.industry = industry;
  const source = customer.source ?? prev?.source;
  if (source !== undefined) out.source = source;
  return out;
}

/** Cool-downs still running at `at` (expired ones are dropped so the state does not grow forever). */
function liveCooldowns(
  prev: CustomerState | undefined,
  at: number,
): Record<string, string> | undefined {
  if (!prev?.cooldowns) return undefined;
  let out: Record<string, string> | undefined;
  for (const [rep, until] of Object.entries(prev.cooldowns)) {
    if (Date.parse(until) > at) out = { ...out, [rep]: until };
  }
  return out;
}

/**
 * Give a customer to a rep from `assign`: ownership starts now with its protection, and the
 * rep's day/week counters (under the decision's `calendar` keys) and recency move. `prev` is the
 * customer's current record (the decision read it already).
 */
function giveTo(
  ctx: CallContext,
  customer: Customer,
  prev: CustomerState | undefined,
  tier: string | undefined,
  repId: string,
  at: number,
  calendar: Pick<EligibilityInput, "dayKey" | "weekKey">,
): void {
  const { state } = ctx;
  const rs = ctx.compiled.ruleSet;
  const next: CustomerState = addRememberedFacts({ owner: repId }, customer, tier, prev);
  // The version at which the owner changed tells a claim that raced this call that it lost.
  next.ownerVersion =
    prev?.owner === repId && prev.ownerVersion !== undefined ? prev.ownerVersion : ctx.version;
  next.ownedSince = toIso(at);
  const days = rs.ownership.protection?.days ?? 0;
  if (days > 0) next.protectedUntil = toIso(addCalendarDays(at, days, rs.timezone));
  const cooldowns = liveCooldowns(prev, at);
  if (cooldowns) next.cooldowns = cooldowns;
  state.setCustomer(customer.id, next);
  const s = state.rep(repId);
  const day = calendar.dayKey;
  const week = calendar.weekKey;
  const dayCount = (s.day === day ? s.dayCount : 0) + 1;
  const weekCount = (s.week === week ? s.weekCount : 0) + 1;
  const lastAssignedSeq = state.nextSeq();
  // Literals in schema order (claimDay sits before claimCount), not a spread: one per decision.
  state.setRep(
    repId,
    s.claimDay === undefined
      ? { day, dayCount, week, weekCount, lastAssignedSeq, claimCount: s.claimCount }
      : {
          day,
          dayCount,
          week,
          weekCount,
          lastAssignedSeq,
          claimDay: s.claimDay,
          claimCount: s.claimCount,
        },
  );
}

/** Leave a customer in (or return it to) the public pool with a queue label; `prev` as for `giveTo`. */
function putInQueue(
  ctx: CallContext,
  customer: Customer,
  prev: CustomerState | undefined,
  tier: string | undefined,
  queue: string,
  at: number,
): void {
  const next: CustomerState = addRememberedFacts({ owner: null }, customer, tier, prev);
  next.queue = queue;
  if (prev?.owner) next.ownerVersion = ctx.version;
  else if (prev?.ownerVersion !== undefined) next.ownerVersion = prev.ownerVersion;
  const cooldowns = liveCooldowns(prev, at);
  if (cooldowns) next.cooldowns = cooldowns;
  // A customer that had an owner returns to the pool now: the new-in-pool cool-down starts.
  const inPoolSince = prev?.owner ? toIso(at) : prev?.inPoolSince;
  if (inPoolSince !== undefined) next.inPoolSince = inPoolSince;
  ctx.state.setCustomer(customer.id, next);
}

/** Keep the current owner; refresh what the state remembers of the record. */
function keep(
  ctx: CallContext,
  customer: Customer,
  tier: string | undefined,
  prev: CustomerState,
): void {
  ctx.state.setCustomer(customer.id, addRememberedFacts({ ...prev }, customer, tier, prev));
}

/** What a decision settles on, besides its outcome. */
interface Settlement {
  repId?: string;
  queue?: string;
  ruleId?: string;
  strategy?: StrategyName | "fixed";
  queueReason?: QueueReason;
}

/**
 * The decision with its outcome and fields, set on the explanation too. The common shapes are
 * one literal each (built key by key, a decision outgrows its in-object slots, and a batch keeps
 * every decision); keys in the order customerId, outcome, explanation, repId, queue, ruleId,
 * strategy.
 */
function settle(explanation: Explanation, outcome: Outcome, fields: Settlement): Decision {
  const { repId, queue, ruleId, strategy, queueReason } = fields;
  explanation.outcome = outcome;
  if (repId !== undefined) explanation.repId = repId;
  if (queue !== undefined) explanation.queue = queue;
  if (ruleId !== undefined) explanation.ruleId = ruleId;
  if (strategy !== undefined) explanation.strategy = strategy;
  if (queueReason !== undefined) explanation.queueReason = queueReason;
  const { customerId } = explanation;
  if (repId !== undefined && queue === undefined && ruleId !== undefined && strategy !== undefined)
    return { customerId, outcome, explanation, repId, ruleId, strategy };
  if (repId === undefined && queue !== undefined && ruleId !== undefined && strategy === undefined)
    return { customerId, outcome, explanation, queue, ruleId };
  const decision: Decision = { customerId, outcome, explanation };
  if (repId !== undefined) decision.repId = repId;
  if (queue !== undefined) decision.queue = queue;
  if (ruleId !== undefined) decision.ruleId = ruleId;
  if (strategy !== undefined) decision.strategy = strategy;
  return decision;
}

/**
 * Decide one customer at decision time `at` (DESIGN §4 steps 2–7) and apply its effects to the
 * working state. Never throws for a customer's data: an evaluation error queues the customer
 * with `evaluation_error` and the batch goes on. `conflicts` are the customer's conflicts found
 * before (usually {@link NO_CONFLICTS}); the explanation's list is a new one with them and the
 * decision's own (the given list is never changed).
 */
export function decide(
  ctx: CallContext,
  customer: Customer,
  at: number,
  conflicts: readonly Conflict[],
): Decision {
  const rs = ctx.compiled.ruleSet;
  const full = ctx.detail === "full" || ctx.fullFor === customer.id;
  const nowIso = toIso(at);
  const data: ConditionData = { customer: customer.record, now: nowIso, nowMs: at };
  const explanation: Explanation = {
    ruleSet: ctx.traces.ruleSet(rs.id, rs.revision ?? null),
    customerId: customer.id,
    decidedAt: nowIso,
    detail: full ? "full" : "summary",
    outcome: "queued",
    tier: null,
    rules: [],
    rulesNotEvaluated: 0,
    attempts: [],
    conflicts,
  };

  let tierId: string | undefined;
  let cursor: RuleCursor | undefined;
  try {
    const tier = resolveTier(ctx, customer, data);
    explanation.tier = tier === null ? null : ctx.traces.tier(tier);
    tierId = tier?.id;
    const facts: MatchFacts = { customer, tier: tierId };
    cursor = new RuleCursor(ctx, facts, data, full);
    const prev = ctx.state.customer(customer.id);
    const own = rs.ownership;

    // Step 2: ownership first.
    let hasActiveOwner = false;
    if (prev?.owner) {
      const owner = ctx.roster.byId.get(prev.owner);
      if (owner === undefined || !owner.active) {
        explanation.ownership = {
          step: owner === undefined ? "owner_not_in_roster" : "owner_inactive",
          owner: prev.owner,
        };
      } else {
        hasActiveOwner = true;
        const until = prev.protectedUntil;
        if (until !== undefined && at < Date.parse(until)) {
          explanation.ownership = {
            step: "protected_owner",
            owner: prev.owner,
            protectedUntil: until,
          };
          // The rule that would have won (under `unique`, only a single match wins).
          let winner: CompiledRule | undefined;
          if (rs.hitPolicy === "unique") {
            const matches = cursor.drain();
            winner = matches.length === 1 ? matches[0] : undefined;
          } else winner = cursor.next();
          if (winner && !targetIncludes(ctx, winner.rule.assign, prev.owner)) {
            explanation.conflicts = withConflict(explanation.conflicts, {
              type: "protected_owner",
              customerId: customer.id,
              owner: prev.owner,
              protectedUntil: until,
              ruleId: winner.rule.id,
              target: winner.rule.assign,
            });
          }
          cursor.close(explanation);
          keep(ctx, customer, tierId, prev);
          return settle(explanation, "kept", { repId: prev.owner });
        }
        if (own.keepCurrentOwner) {
          explanation.ownership = { step: "kept_owner", owner: prev.owner };
          cursor.close(explanation);
          keep(ctx, customer, tierId, prev);
          return settle(explanation, "kept", { repId: prev.owner });
        }
        explanation.ownership = { step: "owner_released_by_rules", owner: prev.owner };
      }
    }
    if (!hasActiveOwner && own.preferAccountOwner && customer.accountId !== undefined) {
      const chosen = accountOwner(ctx, customer.accountId, prev, at);
      if (chosen) {
        explanation.ownership = {
          step: "account_owner",
          owner: chosen.repId,
          accountId: customer.accountId,
          accountCustomers: chosen.count,
        };
        cursor.close(explanation);
        giveTo(ctx, customer, prev, tierId, chosen.repId, at, {
          dayKey: dayKey(at, rs.timezone),
          weekKey: isoWeekKey(at, rs.timezone),
        });
        return settle(explanation, "account_owner", { repId: chosen.repId });
      }
    }

    // Step 3–6: rules, eligibility, selection.
    const base: Omit<EligibilityInput, "rep"> = {
      customer,
      tier: tierId,
      customerState: prev,
      at,
      dayKey: dayKey(at, rs.timezone),
      weekKey: isoWeekKey(at, rs.timezone),
      ruleSet: rs,
      territories: ctx.compiled.territories,
      state: ctx.state,
    };
    const fallback = rs.fallback.queue;
    let candidate: CompiledRule | undefined;
    let reason: WinReason;
    // Equal-priority matches waiting behind the winner (rarely any: made on first need).
    let pending: CompiledRule[] | undefined;
    if (rs.hitPolicy === "unique") {
      const matches = cursor.drain();
      cursor.close(explanation);
      if (matches.length > 1) {
        explanation.conflicts = withConflict(explanation.conflicts, {
          type: "rule_overlap",
          customerId: customer.id,
          ruleIds: matches.map((m) => m.rule.id),
          priority: null,
          hitPolicy: "unique",
          resolution: "nobody_assigned",
          winner: null,
        });
        putInQueue(ctx, customer, prev, tierId, fallback, at);
        return settle(explanation, "conflict", { queue: fallback, queueReason: "unique_conflict" });
      }
      candidate = matches[0];
      reason = "unique_match";
    } else {
      candidate = cursor.next();
      reason = "first_match";
      if (candidate && rs.hitPolicy === "priority") {
        reason = "highest_priority";
        // Equal-priority matches are a rule_overlap, resolved by declared order.
        const group = [candidate];
        while (cursor.peek()?.rule.priority === candidate.rule.priority) {
          const r = cursor.next();
          if (r === undefined) break;
          if (r.rule.priority === candidate.rule.priority) group.push(r);
          else {
            pending = [r];
            break;
          }
        }
        if (group.length > 1) {
          reason = "declared_order";
          pending = pending === undefined ? group.slice(1) : [...group.slice(1), ...pending];
          explanation.conflicts = withConflict(explanation.conflicts, {
            type: "rule_overlap",
            customerId: customer.id,
            ruleIds: group.map((g) => g.rule.id),
            priority: candidate.rule.priority,
            hitPolicy: "priority",
            resolution: "declared_order",
            winner: candidate.rule.id,
          });
        }
      }
    }
    let tried = false;
    while (candidate !== undefined) {
      explanation.winner = ctx.traces.winner(candidate, reason);
      const target = candidate.rule.assign;
      if (target.queue !== undefined) {
        cursor.close(explanation);
        putInQueue(ctx, customer, prev, tierId, target.queue, at);
        return settle(explanation, "queued", {
          queue: target.queue,
          ruleId: candidate.rule.id,
          queueReason: "rule_targets_queue",
        });
      }
      tried = true;
      const attempt = tryTarget(ctx, candidate, base, full);
      explanation.attempts = appended(explanation.attempts, attempt);
      if (attempt.pick !== undefined) {
        const { repId, strategy } = attempt.pick;
        cursor.close(explanation);
        giveTo(ctx, customer, prev, tierId, repId, at, base);
        return settle(explanation, "assigned", { repId, ruleId: candidate.rule.id, strategy });
      }
      explanation.conflicts = withConflict(explanation.conflicts, {
        type: "no_eligible_rep",
        customerId: customer.id,
        ruleId: candidate.rule.id,
        target,
        candidates: attempt.candidates,
        excluded: attempt.excludedCounts,
      });
      if (candidate.rule.onNoEligibleRep !== "next-rule") break;
      candidate = rs.hitPolicy === "unique" ? undefined : (pending?.shift() ?? cursor.next());
      reason = "next_rule";
    }
    cursor.close(explanation);
    putInQueue(ctx, customer, prev, tierId, fallback, at);
    return settle(explanation, "queued", {
      queue: fallback,
      queueReason: tried ? "no_eligible_rep" : "no_rule_matched",
    });
  } catch (error) {
    explanation.error = { message: error instanceof Error ? error.message : String(error) };
    // The rules evaluated before the error stay in the explanation; none when the tier failed.
    if (cursor === undefined) explanation.rulesNotEvaluated = ctx.compiled.ordered.length;
    else cursor.abandon(explanation, error);
    // A condition error never displaces an owner the ownership step keeps (protected, or kept
    // under keepCurrentOwner): the error is reported, the owner stays.
    const prev = ctx.state.customer(customer.id);
    const owner = prev?.owner ? ctx.roster.byId.get(prev.owner) : undefined;
    if (prev && owner?.active) {
      const until = prev.protectedUntil;
      const isProtected = until !== undefined && at < Date.parse(until);
      if (isProtected || rs.ownership.keepCurrentOwner) {
        explanation.ownership ??= isProtected
          ? { step: "protected_owner", owner: owner.id, protectedUntil: until }
          : { step: "kept_owner", owner: owner.id };
        keep(ctx, customer, tierId, prev);
        return settle(explanation, "kept", { repId: owner.id });
      }
    }
    putInQueue(ctx, customer, prev, tierId, rs.fallback.queue, at);
    return settle(explanation, "queued", {
      queue: rs.fallback.queue,
      queueReason: "evaluation_error",
    });
  }
}

/**
 * The account owner a new customer of that account goes to: an active rep in the roster not in
 * release cool-down for this customer, owning most of the account's customers, then lowest id.
 */
function accountOwner(
  ctx: CallContext,
  accountId: string,
  prev: CustomerState | undefined,
  at: number,
): { repId: string; count: number } | undefined {
  const owners = ctx.state.accountOwners(accountId);
  if (!owners) return undefined;
  let best: { repId: string; count: number } | undefined;
  for (const [repId, count] of owners) {
    const rep = ctx.roster.byId.get(repId);
    if (!rep?.active) continue;
    const until =
      prev?.cooldowns && Object.hasOwn(prev.cooldowns, repId) ? prev.cooldowns[repId] : undefined;
    if (until !== undefined && at < Date.parse(until)) continue;
    if (!best || count > best.count || (count === best.count && repId < best.repId))
      best = { repId, count };
  }
  return best;
}
