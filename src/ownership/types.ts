import type { Decision } from "../engine/decide";
import type { RouterEvent } from "../engine/events";
import type { DenialReason } from "../explain/codes";
import type { ReasonDetailsByCode } from "../explain/locales/types";
import type { Conflict, ExplainDetail } from "../explain/types";
import type { RouterState } from "../schema/state";

/** The ownership operations that change state and explain themselves (DESIGN §7). */
export const OPERATIONS = ["claim", "recordActivity", "release", "sweep", "transfer"] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Every outcome of an ownership operation, listed once (docs and locale tables are checked against it). */
export const OPERATION_OUTCOMES = [
  "granted",
  "denied",
  "recorded",
  "ignored",
  "released",
  "reclaimed",
  "transferred",
] as const;
export type OperationOutcome = (typeof OPERATION_OUTCOMES)[number];

/** Reasons a claim can be denied (every denial reason except `not_owner`, which is for owners' operations). */
export type ClaimDenialReason = Exclude<DenialReason, "not_owner">;

/** A denial: the reason code with the facts behind it, typed per code. */
export type Denial<C extends DenialReason = DenialReason> = {
  [K in C]: { reason: K; details: ReasonDetailsByCode[K] };
}[C];

/** An input time: ISO-8601 with offset or `Z`, a date alone, or epoch milliseconds. */
export type TimeInput = string | number;

/**
 * Why an ownership operation came out as it did: data, rendered by `formatOperation`. Times are
 * ISO-8601 UTC. Fields that do not apply to the operation are absent.
 */
export interface OperationExplanation {
  operation: OperationName;
  ruleSet: { id: string; revision: string | null };
  customerId: string;
  /** The acting rep: the claimant, the owner recording activity or releasing, the reclaimed owner, the transfer target. */
  repId: string;
  outcome: OperationOutcome;
  /** The moment the operation took effect (for a sweep, the release moment). */
  at: string;
  reason?: DenialReason;
  details?: ReasonDetailsByCode[DenialReason];
  /** The owner before the operation (null: the customer was in the public pool). */
  previousOwner?: string | null;
  /** The owner after the operation (null: in the public pool). */
  owner?: string | null;
  /** The protection end after the operation (absent when no protection is configured). */
  protectedUntil?: string;
  /** The protection end before an activity extended it. */
  previousProtectedUntil?: string;
  /** Sweep: when the idle clock started and how many idle days released the customer. */
  idleSince?: string;
  idleReleaseDays?: number;
  /** The release cool-down the previous owner got (release and sweep). */
  cooldownUntil?: string;
  /** Transfer: who moved the customer, and why. */
  actor?: string;
  note?: string;
  conflicts?: Conflict[];
}

interface ResultBase {
  /** The next state; the input object itself when nothing changed. */
  state: RouterState;
  /** Facts to persist (state-changing events carry `set`; audit-only events do not). */
  events: RouterEvent[];
  explanation: OperationExplanation;
}

/** A customer given by id, or (claim, lookup, transfer) by a record the state has not seen yet. */
export interface CustomerRef {
  customerId?: string | undefined;
  /** A customer record (DESIGN §3) standing for `customerId` when the state has not seen it. */
  customer?: unknown;
}

/** Arguments of `router.lookup` (查重). Give `customerId` (or `customer`) or `accountId`, not both. */
export interface LookupInput extends CustomerRef {
  accountId?: string | undefined;
  /** The rep asking whether they may claim the customer. */
  repId?: string | undefined;
  /** The roster; required with `repId`. */
  reps?: readonly unknown[] | undefined;
  state?: RouterState | undefined;
  now: TimeInput;
}

/** Whether a rep may claim a customer now, and if not, why and from when. */
export type ClaimAnswer =
  | { allowed: true }
  | ({
      allowed: false;
      /** The earliest moment the claim would be granted if nothing else happens (no activity, no other claim; sweeps run when due), or null when the rules promise none. */
      allowedFrom: string | null;
    } & Denial<ClaimDenialReason>);

/** The answer of `router.lookup`. */
export interface LookupResult {
  customerId?: string;
  accountId?: string;
  /** The owner of the customer, or (by account alone) the account's owner; null when in the public pool. */
  owner: string | null;
  /** Protection end, present while the protection is in force. */
  protectedUntil?: string;
  /** When the idle clock started (the later of the ownership start and the last activity). */
  idleSince?: string;
  /** When `sweep` would return the customer to the pool if nothing happens. */
  releaseAt?: string;
  /** The rep owning most of the account's customers (then lowest id). */
  accountOwner?: string;
  /** The answer for `repId`. */
  claim?: ClaimAnswer;
}

/** Arguments of `router.claim` (领取). */
export interface ClaimInput extends CustomerRef {
  repId: string;
  reps: readonly unknown[];
  state?: RouterState | undefined;
  now: TimeInput;
  /** The state version the claimant saw; a denial after a later owner change reports a `claim_collision`. */
  expectedVersion?: number | undefined;
}

export type ClaimResult = ResultBase &
  (
    | { outcome: "granted" }
    | ({ outcome: "denied"; conflicts?: Conflict[] } & Denial<ClaimDenialReason>)
  );

/** Arguments of `router.recordActivity` (a follow-up by the owner). */
export interface ActivityInput {
  customerId: string;
  repId: string;
  state?: RouterState | undefined;
  now: TimeInput;
}

export type ActivityResult = ResultBase &
  ({ outcome: "recorded" } | ({ outcome: "ignored" } & Denial<"not_owner">));

/** Arguments of `router.release` (释放). */
export interface ReleaseInput {
  customerId: string;
  repId: string;
  state?: RouterState | undefined;
  now: TimeInput;
}

export type ReleaseResult = ResultBase &
  ({ outcome: "released" } | ({ outcome: "denied" } & Denial<"not_owner">));

/** Arguments of `router.sweep` (回收). */
export interface SweepInput {
  state?: RouterState | undefined;
  now: TimeInput;
  /** Current customer records, by `id`, on which the `exempt` condition is evaluated. */
  customers?: readonly unknown[] | undefined;
}

/** One customer the sweep returned to the public pool. */
export interface SweptCustomer {
  customerId: string;
  /** The owner it was reclaimed from. */
  owner: string;
  /** The release moment (`releaseAt`), not the sweep's `now`. */
  releasedAt: string;
  cooldownUntil?: string;
  explanation: OperationExplanation;
}

/** An owned customer with its release moment. */
export interface ReleaseDue {
  customerId: string;
  owner: string;
  releaseAt: string;
}

export interface SweepResult {
  /** Released customers, by release moment then id. */
  released: SweptCustomer[];
  /** Customers whose release falls in `(now, now + reminderDays]`, by release moment then id. */
  dueSoon: ReleaseDue[];
  /** Customers due for release that `exempt` kept with their owner (`error`: the condition threw, so the owner keeps it). */
  exempted: (ReleaseDue & { error?: string })[];
  state: RouterState;
  events: RouterEvent[];
}

/** Arguments of `router.transfer` (转移): a manager override. */
export interface TransferInput extends CustomerRef {
  toRepId: string;
  /** Who ordered the transfer (recorded in the event). */
  actor: string;
  /** Why (recorded in the event). */
  reason: string;
  reps: readonly unknown[];
  state?: RouterState | undefined;
  now: TimeInput;
}

export type TransferResult = ResultBase &
  ({ outcome: "transferred" } | ({ outcome: "denied" } & Denial<"inactive" | "already_owner">));

/** Arguments of `router.offboard`: a leaving rep's customers are re-routed through the rules. */
export interface OffboardInput {
  repId: string;
  reps: readonly unknown[];
  state?: RouterState | undefined;
  now: TimeInput;
  /** Detail of the decisions' explanations (default `summary`). */
  explain?: ExplainDetail | undefined;
}

export interface OffboardResult {
  /** One decision per customer the rep owned, by customer id. */
  decisions: Decision[];
  conflicts: Conflict[];
  state: RouterState;
  events: RouterEvent[];
}
