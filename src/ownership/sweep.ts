import type { CompiledRuleSet } from "../engine/compile";
import type { RouterEvent } from "../engine/events";
import { truthy } from "../logic";
import type { CustomerState } from "../schema/state";
import { addCalendarDays, toIso } from "../time";
import {
  changeEvent,
  compareIds,
  explanationOf,
  finishOp,
  inputError,
  openOp,
  poolRecord,
  requireId,
  requireInput,
} from "./common";
import { idleReleaseDays, idleStart, releaseAt } from "./protection";
import type { ReleaseDue, SweepInput, SweepResult, SweptCustomer } from "./types";

interface Candidate {
  readonly id: string;
  readonly record: CustomerState;
  readonly owner: string;
  readonly releaseAt: number;
}

const byReleaseThenId = (a: Candidate, b: Candidate) =>
  a.releaseAt - b.releaseAt || compareIds(a.id, b.id);

/**
 * Reclaim idle customers (回收): every owned customer whose release moment
 * `max(protection end, idle start + idleReleaseDays)` has come returns to the public pool *at
 * that moment* — the new-in-pool clock and the owner's release cool-down start there — so the
 * result does not depend on when the sweep runs. `exempt` is evaluated on the records passed
 * as `customers` (a customer not passed is not exempt; a condition that throws keeps the
 * owner). Lists the customers due within `reminderDays`. Order: release moment, then id.
 * Pure and deterministic; nothing released returns the input state.
 */
export function sweep(compiled: CompiledRuleSet, input: SweepInput): SweepResult {
  const args = requireInput(input, "{ state, now, customers? }");
  const records = recordsById(args.customers);
  const op = openOp(compiled, { state: args.state, now: args.now });
  const { ruleSet, state } = op;
  const tz = ruleSet.timezone;
  const reminder = ruleSet.ownership.reminderDays;
  const horizon = reminder > 0 ? addCalendarDays(op.at, reminder, tz) : op.at;

  const due: Candidate[] = [];
  const soon: Candidate[] = [];
  for (const id of state.customerIds()) {
    const record = state.customer(id)!;
    if (record.owner === null) continue;
    const at = releaseAt(record, ruleSet);
    if (at === undefined || at > horizon) continue;
    (at <= op.at ? due : soon).push({ id, record, owner: record.owner, releaseAt: at });
  }
  due.sort(byReleaseThenId);
  soon.sort(byReleaseThenId);

  const nowIso = toIso(op.at);
  const exemption = (id: string): { exempt: boolean; error?: string } => {
    const record = records.get(id);
    if (record === undefined || compiled.exempt === undefined) return { exempt: false };
    try {
      return { exempt: truthy(compiled.exempt({ customer: record, now: nowIso, nowMs: op.at })) };
    } catch (error) {
      // Keeping the owner is the safe side: a release cannot be undone without a new claim.
      return { exempt: true, error: error instanceof Error ? error.message : String(error) };
    }
  };
  const dueOf = (c: Candidate): ReleaseDue => ({
    customerId: c.id,
    owner: c.owner,
    releaseAt: toIso(c.releaseAt),
  });

  const released: SweptCustomer[] = [];
  const exempted: SweepResult["exempted"] = [];
  const events: RouterEvent[] = [];
  const cooldownDays = ruleSet.ownership.releaseCooldownDays;
  for (const c of due) {
    const ex = exemption(c.id);
    if (ex.exempt) {
      exempted.push({ ...dueOf(c), ...(ex.error !== undefined ? { error: ex.error } : {}) });
      continue;
    }
    state.advanceClock(op.at);
    const cooldown = cooldownDays > 0 ? addCalendarDays(c.releaseAt, cooldownDays, tz) : undefined;
    state.setCustomer(c.id, poolRecord(op, c.record, c.releaseAt, cooldown));
    const releasedAt = toIso(c.releaseAt);
    const idleSince = toIso(idleStart(c.record)!);
    const days = idleReleaseDays(c.record, ruleSet)!;
    const cooldownUntil = cooldown === undefined ? {} : { cooldownUntil: toIso(cooldown) };
    events.push(
      changeEvent(op, "customer_reclaimed", {
        at: releasedAt,
        customerId: c.id,
        repId: c.owner,
        data: {
          idleSince,
          idleReleaseDays: days,
          protectedUntil: c.record.protectedUntil ?? null,
          cooldownUntil: cooldown === undefined ? null : toIso(cooldown),
        },
      }),
    );
    released.push({
      customerId: c.id,
      owner: c.owner,
      releasedAt,
      ...cooldownUntil,
      explanation: explanationOf(op, {
        operation: "sweep",
        customerId: c.id,
        repId: c.owner,
        outcome: "reclaimed",
        at: releasedAt,
        previousOwner: c.owner,
        owner: null,
        idleSince,
        idleReleaseDays: days,
        ...cooldownUntil,
      }),
    });
  }
  const dueSoon = soon.filter((c) => !exemption(c.id).exempt).map(dueOf);
  return { released, dueSoon, exempted, state: finishOp(op), events };
}

/** The `customers` records by id (objects with an `id`; a duplicate id is an input error). */
function recordsById(customers: unknown): Map<string, Readonly<Record<string, unknown>>> {
  const out = new Map<string, Readonly<Record<string, unknown>>>();
  if (customers === undefined) return out;
  if (!Array.isArray(customers))
    return inputError("customers", "must be an array of customer records");
  customers.forEach((record: unknown, i) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      inputError(`customers[${i}]`, "must be a customer record (an object with an id)");
    }
    const id = requireId(
      Object.hasOwn(record, "id") ? Reflect.get(record, "id") : undefined,
      `customers[${i}].id`,
    );
    if (out.has(id)) inputError(`customers[${i}].id`, `duplicate id "${id}"`);
    out.set(id, { ...record });
  });
  return out;
}
