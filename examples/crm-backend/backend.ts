/**
 * A small CRM backend around leadroute. The library decides; this module does the I/O:
 *
 * 1. read the router state, its version and the roster;
 * 2. call the router (pure: it returns decisions, events and the next state);
 * 3. in ONE transaction, compare-and-set the state on the version read in step 1, append the
 *    events with their explanations, and update the CRM's own tables;
 * 4. if another worker committed in between (the version moved), start again at step 1: the
 *    operation is decided afresh on the newer state.
 *
 * Any number of such workers, each with its own connection, can share one database: a result
 * is applied only to the state it was computed from, so two claims can never both win.
 */
import {
  type ActivityResult,
  type AssignResult,
  type ClaimResult,
  createRouter,
  type Explanation,
  formatExplanation,
  formatOperation,
  type Locale,
  type OffboardResult,
  type OperationExplanation,
  type ReleaseResult,
  type RepInput,
  type Router,
  type RouterEvent,
  type RouterState,
  type SweepResult,
  type TransferResult,
} from "../../src/index";
import type { Db } from "./db";

/** A customer record as the CRM receives it (DESIGN §3: flat, `id` required). */
export type CustomerRecord = { id: string } & Record<string, unknown>;

/** What a worker reads before deciding: the state, its version and the current roster. */
export interface Snapshot {
  version: number;
  state: RouterState;
  reps: RepInput[];
}

/** An explanation as stored beside its event. */
export type StoredExplanation =
  | { kind: "decision"; explanation: Explanation }
  | { kind: "operation"; explanation: OperationExplanation };

/** A result together with the number of tries it took (1 = no version conflict). */
export type Attempted<T> = T & { attempts: number };

/** The answer of the audit query: the event that gave the customer to the rep, and why. */
export interface AuditAnswer {
  customerId: string;
  repId: string;
  seq: number;
  version: number;
  type: string;
  at: string;
  ruleSet: { id: string; revision: string | null };
  /** The stored explanation, rendered by `formatExplanation` (decisions) or `formatOperation`. */
  text: string;
}

/** Options of {@link createCrmBackend}. */
export interface CrmBackendOptions {
  /** Tries before giving up on a hot row (default 50). */
  maxAttempts?: number;
  /** Called after deciding and before the compare-and-set; tests use it to interleave writers. */
  beforeCommit?: (attempt: number) => void;
}

/** Thrown when `maxAttempts` tries all lost the compare-and-set. */
export class VersionConflictError extends Error {
  override readonly name = "VersionConflictError";
}

/** What one operation writes, applied only if the stored version is still the one it read. */
interface Change {
  state: RouterState;
  events: readonly RouterEvent[];
  /** The explanation to store with each customer's event, by customer id. */
  explanations?: ReadonlyMap<string, StoredExplanation>;
  /** Customer records to insert or update (ingest). */
  records?: readonly CustomerRecord[];
  /** Further writes of the host in the same transaction. */
  alsoWrite?: () => void;
}

interface StateRow {
  version: number;
  state: string;
}
interface EventRow {
  seq: number;
  version: number;
  type: string;
  at: string;
  rule_set_id: string;
  rule_set_revision: string | null;
  explanation_kind: "decision" | "operation" | null;
  explanation: string | null;
}

/** Decisions' explanations by customer id. */
const fromDecisions = (
  decisions: readonly { customerId: string; explanation: Explanation }[],
): Map<string, StoredExplanation> =>
  new Map(decisions.map((d) => [d.customerId, { kind: "decision", explanation: d.explanation }]));

/** One operation's explanation, for its customer. */
const fromOperation = (explanation: OperationExplanation): Map<string, StoredExplanation> =>
  new Map([[explanation.customerId, { kind: "operation", explanation }]]);

/** Render a stored explanation with the library's formatters. */
function render(kind: "decision" | "operation", json: string, locale: Locale): string {
  if (kind === "decision") {
    const explanation: Explanation = JSON.parse(json);
    return formatExplanation(explanation, { locale });
  }
  const explanation: OperationExplanation = JSON.parse(json);
  return formatOperation(explanation, { locale });
}

/** Create the backend over an open database (one connection per worker) and a rule set. */
export function createCrmBackend(db: Db, ruleSet: unknown, options: CrmBackendOptions = {}) {
  const router: Router = createRouter(ruleSet);
  const maxAttempts = options.maxAttempts ?? 50;
  const ruleSetId = router.ruleSet.id;
  const revision = router.ruleSet.revision ?? null;

  const selectState = db.prepare<[], StateRow>(
    "SELECT version, state FROM router_state WHERE id = 1",
  );
  const selectReps = db.prepare<[], { record: string }>("SELECT record FROM reps ORDER BY id");
  // The compare-and-set: the write happens only if nobody committed since our read.
  const casState = db.prepare<[number, string, number]>(
    "UPDATE router_state SET version = ?, state = ? WHERE id = 1 AND version = ?",
  );
  // A denial or no-op changes no state, but was decided on a snapshot: check it is still current.
  const casUnchanged = db.prepare<[number]>(
    "UPDATE router_state SET version = version WHERE id = 1 AND version = ?",
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (version, type, customer_id, rep_id, at, rule_set_id, rule_set_revision,
       event, explanation_kind, explanation)
     VALUES (@version, @type, @customerId, @repId, @at, @ruleSetId, @revision, @event, @kind,
       @explanation)`,
  );
  const upsertCustomer = db.prepare<[string, string]>(
    `INSERT INTO customers (id, record) VALUES (?, ?)
     ON CONFLICT (id) DO UPDATE SET record = excluded.record`,
  );
  const setOwner = db.prepare<[string | null, number | null, string]>(
    "UPDATE customers SET owner = ?, owner_version = ? WHERE id = ?",
  );

  // One read transaction, so the state and the roster come from the same moment.
  const readSnapshot = db.transaction((): Snapshot => {
    const row = selectState.get();
    if (!row) throw new Error("router_state row missing: open the database with openDatabase()");
    const state: RouterState = JSON.parse(row.state);
    const reps: RepInput[] = selectReps.all().map((r) => JSON.parse(r.record));
    return { version: row.version, state, reps };
  });

  /** Apply a change if the stored version is still `expected`; false when another writer won. */
  const commit = db.transaction((expected: number, change: Change): boolean => {
    const cas =
      change.state.version === expected
        ? casUnchanged.run(expected)
        : casState.run(change.state.version, JSON.stringify(change.state), expected);
    if (cas.changes !== 1) return false;
    for (const record of change.records ?? [])
      upsertCustomer.run(record.id, JSON.stringify(record));
    for (const event of change.events) {
      const stored =
        event.customerId === undefined ? undefined : change.explanations?.get(event.customerId);
      insertEvent.run({
        version: event.version,
        type: event.type,
        customerId: event.customerId ?? null,
        repId: event.repId ?? null,
        at: event.at,
        ruleSetId,
        revision,
        event: JSON.stringify(event),
        kind: stored?.kind ?? null,
        explanation: stored ? JSON.stringify(stored.explanation) : null,
      });
      // Keep the CRM's owner column in step with the state (a projection, rebuilt from events).
      for (const [id, customer] of Object.entries(event.set?.customers ?? {})) {
        setOwner.run(customer.owner, customer.ownerVersion ?? null, id);
      }
    }
    change.alsoWrite?.();
    return true;
  });

  /**
   * Optimistic concurrency: decide on a fresh snapshot, commit with compare-and-set, and on a
   * conflict decide again on the newer state. `seenVersion` is the version of the first read
   * (what the user saw), so a claim that lost a race can report the collision.
   */
  function decideAndCommit<R>(
    decide: (snapshot: Snapshot, seenVersion: number) => { result: R; change: Change },
  ): Attempted<R> {
    let seenVersion: number | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const snapshot = readSnapshot();
      seenVersion ??= snapshot.version;
      const { result, change } = decide(snapshot, seenVersion);
      options.beforeCommit?.(attempt);
      // IMMEDIATE: take the write lock at BEGIN, so the busy timeout applies and no reader
      // transaction has to be upgraded (which SQLite may refuse with SQLITE_BUSY).
      if (commit.immediate(snapshot.version, change)) return { ...result, attempts: attempt };
    }
    throw new VersionConflictError(`gave up after ${maxAttempts} version conflicts`);
  }

  return {
    router,

    /** Insert or replace reps (not a routing decision: no state change, no event). */
    saveReps(reps: readonly RepInput[]): void {
      const upsert = db.prepare<[string, string]>(
        "INSERT INTO reps (id, record) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record",
      );
      db.transaction(() => {
        for (const rep of reps) upsert.run(rep.id, JSON.stringify(rep));
      })();
    },

    /** Route new leads and store them, their decisions and the state in one transaction. */
    ingestLeads(customers: readonly CustomerRecord[], now: string): Attempted<AssignResult> {
      return decideAndCommit(({ state, reps }) => {
        const result = router.assign({ customers, reps, state, now });
        const decided = new Set(result.decisions.map((d) => d.customerId));
        return {
          result,
          change: {
            state: result.state,
            events: result.events,
            explanations: fromDecisions(result.decisions),
            records: customers.filter((c) => decided.has(c.id)),
          },
        };
      });
    },

    /** A rep claims a customer from the public pool (领取). */
    claim(customerId: string, repId: string, now: string): Attempted<ClaimResult> {
      return decideAndCommit(({ state, reps }, seenVersion) => {
        const result = router.claim({
          customerId,
          repId,
          reps,
          state,
          now,
          expectedVersion: seenVersion,
        });
        const change = { state: result.state, events: result.events };
        return { result, change: { ...change, explanations: fromOperation(result.explanation) } };
      });
    },

    /** The owner followed up: protection is extended and the idle clock restarts. */
    recordActivity(customerId: string, repId: string, now: string): Attempted<ActivityResult> {
      return decideAndCommit(({ state }) => {
        const result = router.recordActivity({ customerId, repId, state, now });
        const change = { state: result.state, events: result.events };
        return { result, change: { ...change, explanations: fromOperation(result.explanation) } };
      });
    },

    /** The owner gives a customer back to the public pool (释放). */
    release(customerId: string, repId: string, now: string): Attempted<ReleaseResult> {
      return decideAndCommit(({ state }) => {
        const result = router.release({ customerId, repId, state, now });
        const change = { state: result.state, events: result.events };
        return { result, change: { ...change, explanations: fromOperation(result.explanation) } };
      });
    },

    /** A manager moves a customer to another rep, with a reason (转移). */
    transfer(input: {
      customerId: string;
      toRepId: string;
      actor: string;
      reason: string;
      now: string;
    }): Attempted<TransferResult> {
      return decideAndCommit(({ state, reps }) => {
        const result = router.transfer({ ...input, reps, state });
        const change = { state: result.state, events: result.events };
        return { result, change: { ...change, explanations: fromOperation(result.explanation) } };
      });
    },

    /** A rep leaves: their customers are re-routed and the rep is deactivated, atomically. */
    offboard(repId: string, now: string): Attempted<OffboardResult> {
      const deactivate = db.prepare<[string]>(
        "UPDATE reps SET record = json_set(record, '$.active', json('false')) WHERE id = ?",
      );
      return decideAndCommit(({ state, reps }) => {
        const result = router.offboard({ repId, reps, state, now });
        return {
          result,
          change: {
            state: result.state,
            events: result.events,
            explanations: fromDecisions(result.decisions),
            alsoWrite: () => deactivate.run(repId),
          },
        };
      });
    },

    /**
     * The nightly job (回收): idle customers go back to the public pool. Owned customers' current
     * records are passed so the rule set's `exempt` condition (e.g. a won deal) sees CRM updates.
     */
    nightlySweep(now: string): Attempted<SweepResult> {
      const owned = db.prepare<[], { record: string }>(
        "SELECT record FROM customers WHERE owner IS NOT NULL ORDER BY id",
      );
      return decideAndCommit(({ state }) => {
        const customers: CustomerRecord[] = owned.all().map((r) => JSON.parse(r.record));
        const result = router.sweep({ state, now, customers });
        const explanations = new Map<string, StoredExplanation>(
          result.released.map((r) => [
            r.customerId,
            { kind: "operation", explanation: r.explanation },
          ]),
        );
        return { result, change: { state: result.state, events: result.events, explanations } };
      });
    },

    /** A CRM field update (e.g. the deal was won); no routing decision, no event. */
    updateCustomer(id: string, fields: Record<string, unknown>): void {
      const row = db
        .prepare<[string], { record: string }>("SELECT record FROM customers WHERE id = ?")
        .get(id);
      if (!row) throw new Error(`unknown customer ${id}`);
      upsertCustomer.run(id, JSON.stringify({ ...JSON.parse(row.record), ...fields, id }));
    },

    /** The current state, its version and the roster, read consistently. */
    readSnapshot: (): Snapshot => readSnapshot(),

    /** The whole event log in commit order: the input of `replay`. */
    readEvents(): RouterEvent[] {
      const rows = db.prepare<[], { event: string }>("SELECT event FROM events ORDER BY seq").all();
      return rows.map((r) => JSON.parse(r.event));
    },

    /** The CRM's owner column for a customer (null: public pool). */
    ownerOf(customerId: string): string | null {
      const row = db
        .prepare<[string], { owner: string | null }>("SELECT owner FROM customers WHERE id = ?")
        .get(customerId);
      return row?.owner ?? null;
    },
  };
}

/** The backend's API. */
export type CrmBackend = ReturnType<typeof createCrmBackend>;

/**
 * "Why did customer X go to rep Y?" — answered from the event log alone: the latest event that
 * made Y the owner of X (an assignment, an account-owner decision, a claim or a transfer), with
 * its stored explanation rendered. Null when Y never became X's owner. Needs no rule set, roster
 * or state: the explanation was stored when the decision was made.
 */
export function whyOwner(
  db: Db,
  customerId: string,
  repId: string,
  locale: Locale = "en",
): AuditAnswer | null {
  const row = db
    .prepare<[string, string], EventRow>(
      `SELECT seq, version, type, at, rule_set_id, rule_set_revision, explanation_kind, explanation
       FROM events
       WHERE customer_id = ? AND rep_id = ? AND explanation IS NOT NULL
         AND (type IN ('customer_claimed', 'customer_transferred')
              OR (type = 'customer_decided'
                  AND json_extract(event, '$.outcome') IN ('assigned', 'account_owner')))
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(customerId, repId);
  if (!row?.explanation_kind || row.explanation === null) return null;
  return {
    customerId,
    repId,
    seq: row.seq,
    version: row.version,
    type: row.type,
    at: row.at,
    ruleSet: { id: row.rule_set_id, revision: row.rule_set_revision },
    text: render(row.explanation_kind, row.explanation, locale),
  };
}

/** Every explained step of a customer's history (decisions, claims, denials, sweeps…), oldest first. */
export function customerHistory(db: Db, customerId: string, locale: Locale = "en"): string[] {
  const rows = db
    .prepare<[string], EventRow>(
      `SELECT seq, version, type, at, rule_set_id, rule_set_revision, explanation_kind, explanation
       FROM events WHERE customer_id = ? AND explanation IS NOT NULL ORDER BY seq`,
    )
    .all(customerId);
  return rows.flatMap((r) =>
    r.explanation_kind && r.explanation !== null
      ? [render(r.explanation_kind, r.explanation, locale)]
      : [],
  );
}
