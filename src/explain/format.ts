import type { ExclusionCode } from "./codes";
import { LOCALES, type Locale, messagesFor } from "./locales";
import { formatValue } from "./locales/shared";
import type { AttemptPick, Messages, PickOf, ReasonDetailsByCode } from "./locales/types";
import type { Attempt, Conflict, ConflictOf, Explanation, RuleTrace } from "./types";

export { LOCALES, type Locale };

/** Options of {@link formatExplanation}. */
export interface FormatOptions {
  /** Language of the text; default `en`. */
  locale?: Locale;
}

const INDENT = "  ";

/**
 * Render an explanation as text for people: a header line naming the customer, the outcome,
 * the rule and the rule set id and revision, then indented lines with the decision time and
 * tier, the ownership step, why the customer was queued, the evaluation error, the chosen rule
 * and why it won, every rule evaluated (on a miss the failing matcher and, in full
 * explanations, the customer's value), each attempt with its exclusions (counts in summaries,
 * every rep with its facts in full explanations) and the strategy's pick, and the conflicts.
 *
 * Pure and deterministic: the same explanation and locale always give the same string, with
 * `\n` between lines and no trailing newline. Throws `LeadRouteError` for an unknown locale.
 *
 * @example
 * formatExplanation(decision.explanation, { locale: "zh-CN" });
 * // 客户 c-17 → 分配给 wang（规则 "key-accounts"，分配规则 acme-cn@2026-11-27.1）…
 */
export function formatExplanation(explanation: Explanation, options: FormatOptions = {}): string {
  const m = messagesFor(options.locale ?? "en");
  const e = explanation;

  const context: string[] = [];
  if (e.ruleId !== undefined) context.push(m.rule(e.ruleId));
  context.push(m.ruleSet(e.ruleSet.id, e.ruleSet.revision));
  const lines = [
    m.header(e.customerId, m.outcomes[e.outcome]({ repId: e.repId, queue: e.queue }), context),
  ];
  const add = (depth: number, text: string) => lines.push(INDENT.repeat(depth) + text);

  add(1, m.decided(e.decidedAt, e.tier));
  if (e.ownership !== undefined) add(1, m.ownershipSteps[e.ownership.step](e.ownership));
  if (e.queueReason !== undefined) {
    add(1, m.queued(m.queueReasons[e.queueReason]({ queue: e.queue, ruleId: e.ruleId })));
  }
  if (e.error !== undefined) add(1, m.error(oneLine(e.error.message)));
  if (e.winner !== undefined) add(1, m.winner(e.winner.ruleId, m.winReasons[e.winner.reason]));

  if (e.rules.length > 0) {
    add(1, m.rulesHeading);
    // Priorities are noise when every rule has the default 0 (e.g. hit policy `first`).
    const showPriority = e.rules.some((r) => r.priority !== 0);
    for (const r of e.rules) add(2, ruleLine(m, r, showPriority));
    if (e.rulesNotEvaluated > 0) add(2, m.rulesNotEvaluated(e.rulesNotEvaluated, true));
  } else if (e.rulesNotEvaluated > 0) {
    add(1, m.rulesNotEvaluated(e.rulesNotEvaluated, false));
  }

  for (const a of e.attempts) {
    add(1, m.attempt(a.ruleId, m.target(a.target), { ...a, excluded: a.candidates - a.eligible }));
    for (const text of attemptLines(m, a)) add(2, text);
  }

  if (e.conflicts.length > 0) {
    add(1, m.conflictsHeading);
    for (const c of e.conflicts) add(2, conflictText(m, c));
  }
  return lines.join("\n");
}

/** A rule trace: matched, or the first failing matcher with the customer's value when known. */
function ruleLine(m: Messages, r: RuleTrace, showPriority: boolean): string {
  const priority = showPriority ? r.priority : undefined;
  if (r.matched || r.failed === undefined) return m.ruleMatched(r.ruleId, priority);
  // `value` is present (possibly undefined) in full explanations only.
  const value = Object.hasOwn(r.failed, "value") ? formatValue(r.failed.value, m.none) : undefined;
  return m.ruleMissed(r.ruleId, priority, r.failed.matcher, value);
}

/** The lines under an attempt: exclusions (each rep or counts), eligible reps, the pick. */
function attemptLines(m: Messages, a: Attempt): string[] {
  const out: string[] = [];
  if (a.excluded !== undefined) {
    for (const x of a.excluded) out.push(m.excludedRep(x.repId, reasonText(m, x.code, x.details)));
  } else if (a.candidates > a.eligible) {
    out.push(m.excludedCounts(a.excludedCounts));
  }
  if (a.eligibleReps !== undefined && a.eligibleReps.length > 0) {
    out.push(m.eligibleReps(a.eligibleReps));
  }
  if (a.pick !== undefined) out.push(pickText(m, a.pick));
  return out;
}

/** Dispatch on the code: the table's entry for `C` takes exactly the details of `C`. */
function reasonText<C extends ExclusionCode>(
  m: Messages,
  code: C,
  details: ReasonDetailsByCode[C],
): string {
  const describe: (details: ReasonDetailsByCode[C]) => string = m.reasons[code];
  return describe(details);
}

function conflictText(m: Messages, c: Conflict): string {
  return dispatchConflict(m, c.type, c);
}

function dispatchConflict<T extends Conflict["type"]>(
  m: Messages,
  type: T,
  c: ConflictOf<T>,
): string {
  const render: (c: ConflictOf<T>) => string = m.conflicts[type];
  return render(c);
}

function pickText(m: Messages, p: AttemptPick): string {
  return dispatchPick(m, p.strategy, p);
}

function dispatchPick<S extends AttemptPick["strategy"]>(
  m: Messages,
  strategy: S,
  p: PickOf<S>,
): string {
  const render: (p: PickOf<S>) => string = m.strategies[strategy];
  return render(p);
}

/** Error messages may span lines; the text keeps one line per fact. */
function oneLine(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .join(" ");
}
