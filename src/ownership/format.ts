import { describeReason, type Locale, messagesFor } from "../explain/locales";
import { plain } from "../explain/locales/shared";
import type { Messages } from "../explain/locales/types";
import type { Conflict, ConflictOf } from "../explain/types";
import type { OperationExplanation, OperationName, OperationOutcome } from "./types";

/** The text of the operation explanations in one locale. */
interface OperationMessages {
  /** The operation on the customer with the rep's role: `Claim of customer c-1 by wang`. */
  operations: { [O in OperationName]: (customerId: string, repId: string) => string };
  outcomes: { [O in OperationOutcome]: string };
  /** `Claim of customer c-1 by wang: denied (rule set …)`. */
  header(subject: string, outcome: string, ruleSet: string): string;
  at(at: string): string;
  reason(text: string): string;
  owners(previous: string | null | undefined, owner: string | null | undefined): string | undefined;
  protectedUntil(until: string, previous: string | undefined): string;
  noProtection: string;
  idle(since: string, days: number): string;
  cooldown(until: string): string;
  transfer(actor: string, note: string): string;
}

const who = (none: string) => (id: string | null) => (id === null ? none : plain(id));

const enWho = who("the public pool");
const zhWho = who("公海");

/**
 * The operation labels per locale; a locale without a table, or a table missing an operation
 * or outcome, is a compile error.
 */
const OPERATION_MESSAGES = {
  en: {
    operations: {
      claim: (c, r) => `Claim of customer ${plain(c)} by ${plain(r)}`,
      recordActivity: (c, r) => `Activity on customer ${plain(c)} by ${plain(r)}`,
      release: (c, r) => `Release of customer ${plain(c)} by ${plain(r)}`,
      sweep: (c, r) => `Reclaim (sweep) of customer ${plain(c)} from ${plain(r)}`,
      transfer: (c, r) => `Transfer of customer ${plain(c)} to ${plain(r)}`,
    },
    outcomes: {
      granted: "granted",
      denied: "denied",
      recorded: "recorded",
      ignored: "ignored",
      released: "released to the public pool",
      reclaimed: "returned to the public pool",
      transferred: "transferred",
    },
    header: (subject, outcome, ruleSet) => `${subject}: ${outcome} (${ruleSet})`,
    at: (at) => `At ${at}`,
    reason: (text) => `Reason: ${text}`,
    owners: (previous, owner) =>
      previous === undefined
        ? owner === undefined
          ? undefined
          : `Owner: ${enWho(owner)}`
        : `Owner: ${enWho(previous)} → ${owner === undefined ? enWho(previous) : enWho(owner)}`,
    protectedUntil: (until, previous) =>
      previous === undefined || previous === until
        ? `Protected until ${until}`
        : `Protection extended from ${previous} to ${until}`,
    noProtection: "No protection configured",
    idle: (since, days) => `Idle since ${since}; released after ${days} idle days`,
    cooldown: (until) => `Release cool-down for the previous owner until ${until}`,
    transfer: (actor, note) => `Ordered by ${plain(actor)}: ${JSON.stringify(note)}`,
  },
  "zh-CN": {
    operations: {
      claim: (c, r) => `领取客户 ${plain(c)}（销售 ${plain(r)}）`,
      recordActivity: (c, r) => `跟进客户 ${plain(c)}（销售 ${plain(r)}）`,
      release: (c, r) => `释放客户 ${plain(c)}（销售 ${plain(r)}）`,
      sweep: (c, r) => `回收客户 ${plain(c)}（原负责人 ${plain(r)}）`,
      transfer: (c, r) => `转移客户 ${plain(c)} 给 ${plain(r)}`,
    },
    outcomes: {
      granted: "成功",
      denied: "被拒绝",
      recorded: "已记录",
      ignored: "未计入",
      released: "已退回公海",
      reclaimed: "已回收至公海",
      transferred: "已转移",
    },
    header: (subject, outcome, ruleSet) => `${subject}：${outcome}（${ruleSet}）`,
    at: (at) => `时间 ${at}`,
    reason: (text) => `原因：${text}`,
    owners: (previous, owner) =>
      previous === undefined
        ? owner === undefined
          ? undefined
          : `负责人：${zhWho(owner)}`
        : `负责人：${zhWho(previous)} → ${owner === undefined ? zhWho(previous) : zhWho(owner)}`,
    protectedUntil: (until, previous) =>
      previous === undefined || previous === until
        ? `保护期至 ${until}`
        : `保护期由 ${previous} 延长至 ${until}`,
    noProtection: "未设置保护期",
    idle: (since, days) => `自 ${since} 起未跟进；${days} 天未跟进即回收`,
    cooldown: (until) => `原负责人的再领取冷却期至 ${until}`,
    transfer: (actor, note) => `由 ${plain(actor)} 操作，原因：${JSON.stringify(note)}`,
  },
} satisfies Record<Locale, OperationMessages>;

/** Options of {@link formatOperation}. */
export interface FormatOperationOptions {
  /** Language of the text; default `en`. */
  locale?: Locale;
}

/**
 * Render an ownership operation's explanation as text: a header with the operation, the
 * customer, the rep, the outcome and the rule set, then indented lines with the time, the
 * reason and its facts (the same phrases as `formatExplanation`), the owner change, the
 * protection, idle and cool-down clocks, the transfer's actor and reason, and conflicts.
 * Pure and deterministic: `\n` between lines, no trailing newline. Throws `LeadRouteError`
 * for an unknown locale.
 *
 * @example
 * formatOperation(result.explanation, { locale: "zh-CN" });
 * // 领取客户 c-1（销售 li）：被拒绝（分配规则 acme-cn@2026-11-27.1）…
 */
export function formatOperation(
  explanation: OperationExplanation,
  options: FormatOperationOptions = {},
): string {
  const locale = options.locale ?? "en";
  const m = messagesFor(locale);
  const t: OperationMessages = OPERATION_MESSAGES[locale];
  const e = explanation;
  const lines = [
    t.header(
      t.operations[e.operation](e.customerId, e.repId),
      t.outcomes[e.outcome],
      m.ruleSet(e.ruleSet.id, e.ruleSet.revision),
    ),
  ];
  const add = (text: string | undefined) => {
    if (text !== undefined) lines.push(`  ${text}`);
  };
  add(t.at(e.at));
  if (e.reason !== undefined && e.details !== undefined) {
    add(t.reason(describeReason(e.reason, e.details, locale)));
  }
  add(t.owners(e.previousOwner, e.owner));
  if (e.protectedUntil !== undefined)
    add(t.protectedUntil(e.protectedUntil, e.previousProtectedUntil));
  else if (e.outcome === "granted" || e.outcome === "transferred") add(t.noProtection);
  if (e.idleSince !== undefined && e.idleReleaseDays !== undefined) {
    add(t.idle(e.idleSince, e.idleReleaseDays));
  }
  if (e.cooldownUntil !== undefined) add(t.cooldown(e.cooldownUntil));
  if (e.actor !== undefined && e.note !== undefined) add(t.transfer(e.actor, e.note));
  if (e.conflicts !== undefined && e.conflicts.length > 0) {
    add(m.conflictsHeading);
    for (const c of e.conflicts) lines.push(`    ${conflictText(m, c.type, c)}`);
  }
  return lines.join("\n");
}

function conflictText<T extends Conflict["type"]>(m: Messages, type: T, c: ConflictOf<T>): string {
  const render: (c: ConflictOf<T>) => string = m.conflicts[type];
  return render(c);
}
