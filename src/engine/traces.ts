import type { WinReason } from "../explain/codes";
import type { Explanation, RuleTrace } from "../explain/types";
import type { MatcherKey } from "../match/types";
import type { CompiledRule } from "./compile";
import { deepFreeze } from "./deep-freeze";

/** What a trace says about the first failing matcher (and, in full, the customer's value). */
export type Failure = NonNullable<RuleTrace["failed"]>;

/** Traces kept for sharing per call, at most: past it, traces are built fresh (memory bound). */
const SHARED_LIMIT = 250_000;

/**
 * The rule traces of one call's explanations, hash-consed: a trace is a frozen value shared by
 * every explanation that shows the same rule with the same outcome (a rule that matched; a rule
 * that failed on the same matcher with the same shown value). Explanations of a large batch,
 * and `full` ones above all (a trace per rule per customer), then cost an array of references
 * per customer instead of fresh objects; the JSON is the same. The other small records every
 * explanation repeats (the rule set's id, the tier, the winning rule) are shared the same way.
 */
export class TraceBook {
  private readonly matched: (RuleTrace | undefined)[] = [];
  private readonly missed = new Map<Failure, (RuleTrace | undefined)[]>();
  private readonly failures = new Map<string, Failure>();
  private readonly whenFailures = new Map<unknown, Failure>();
  private readonly bare = new Map<MatcherKey | "when", Failure>();
  private shared = 0;

  /** `limit`: how many traces and failures to keep for sharing (the rest are built fresh). */
  constructor(private readonly limit = SHARED_LIMIT) {}

  private ruleSetRef: Explanation["ruleSet"] | undefined;
  private readonly tiers = new Map<string, NonNullable<Explanation["tier"]>>();
  private readonly winners = new Map<
    CompiledRule,
    Map<WinReason, NonNullable<Explanation["winner"]>>
  >();

  /** `{ id, revision }` of the rule set. */
  ruleSet(id: string, revision: string | null): Explanation["ruleSet"] {
    this.ruleSetRef ??= Object.freeze({ id, revision });
    return this.ruleSetRef;
  }

  /** A customer's tier and where it came from. */
  tier(tier: NonNullable<Explanation["tier"]>): NonNullable<Explanation["tier"]> {
    const key = `${tier.source}\u0000${tier.id}`;
    const hit = this.tiers.get(key);
    if (hit !== undefined) return hit;
    const shared = Object.freeze({ id: tier.id, source: tier.source });
    if (this.room()) this.tiers.set(key, shared);
    return shared;
  }

  /** The rule the decision rests on, and why it won. */
  winner(rule: CompiledRule, reason: WinReason): NonNullable<Explanation["winner"]> {
    let reasons = this.winners.get(rule);
    const hit = reasons?.get(reason);
    if (hit !== undefined) return hit;
    const shared = Object.freeze({ ruleId: rule.rule.id, reason });
    if (this.room()) {
      if (reasons === undefined) {
        reasons = new Map();
        this.winners.set(rule, reasons);
      }
      reasons.set(reason, shared);
    }
    return shared;
  }

  /** The trace of a rule that matched. */
  hit(rule: CompiledRule): RuleTrace {
    const hit = this.matched[rule.index];
    if (hit !== undefined) return hit;
    const trace = Object.freeze({
      ruleId: rule.rule.id,
      priority: rule.rule.priority,
      matched: true,
    });
    if (this.room()) this.matched[rule.index] = trace;
    return trace;
  }

  /** The trace of a rule that failed; `failed` must come from this book to be shared. */
  miss(rule: CompiledRule, failed: Failure): RuleTrace {
    let slots = this.missed.get(failed);
    const hit = slots?.[rule.index];
    if (hit !== undefined) return hit;
    const trace: RuleTrace = Object.freeze({
      ruleId: rule.rule.id,
      priority: rule.rule.priority,
      matched: false,
      failed,
    });
    if (Object.isFrozen(failed) && this.room()) {
      if (slots === undefined) {
        slots = [];
        this.missed.set(failed, slots);
      }
      slots[rule.index] = trace;
    }
    return trace;
  }

  /** `{ matcher }`: a failure shown without the value (summary). */
  failure(matcher: MatcherKey | "when"): Failure {
    const hit = this.bare.get(matcher);
    if (hit !== undefined) return hit;
    const failed = Object.freeze({ matcher });
    this.bare.set(matcher, failed);
    return failed;
  }

  /**
   * `{ matcher, value }` for a typed matcher, `value` a fresh JSON tree built from the
   * customer's fields (it is frozen here, and shared by every equal one).
   */
  matcherFailure(matcher: MatcherKey, value: unknown): Failure {
    const key = `${matcher}\u0000${JSON.stringify(value)}`;
    const hit = this.failures.get(key);
    if (hit !== undefined) return hit;
    const failed = deepFreeze({ matcher, value });
    if (this.room()) this.failures.set(key, failed);
    return failed;
  }

  /**
   * `{ matcher: "when", value }` for a condition's result. A plain result is shared; an object
   * may be part of the customer's record, so it is shown as it is: never frozen nor shared.
   */
  whenFailure(result: unknown): Failure {
    if (typeof result === "object" && result !== null) return { matcher: "when", value: result };
    let hit = this.whenFailures.get(result);
    if (hit === undefined) {
      hit = Object.freeze({ matcher: "when", value: result });
      if (this.room()) this.whenFailures.set(result, hit);
    }
    return hit;
  }

  private room(): boolean {
    return this.shared++ < this.limit;
  }
}
