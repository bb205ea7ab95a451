/**
 * A stateless claim worker: its own database connection, the shared rule set, and a list of
 * customers its rep tries to claim. Run as a worker thread by the race test (bundled first with
 * esbuild, since Node 20 cannot run TypeScript). Nothing is shared with other workers but the
 * database file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createCrmBackend } from "./backend";
import { openDatabase } from "./db";

/** What the test passes to each worker. */
export interface ClaimWorkerInput {
  file: string;
  ruleSet: unknown;
  repId: string;
  customerIds: string[];
  now: string;
}

/** One claim as the worker saw it. */
export interface ClaimReport {
  customerId: string;
  repId: string;
  outcome: "granted" | "denied";
  reason: string | null;
  /** Tries it took: more than 1 means the compare-and-set lost to the other worker. */
  attempts: number;
  /** Conflict types reported with a denial (`claim_collision` for a race lost after the first read). */
  conflicts: string[];
}

function run(input: ClaimWorkerInput): ClaimReport[] {
  const db = openDatabase(input.file);
  try {
    const backend = createCrmBackend(db, input.ruleSet);
    return input.customerIds.map((customerId) => {
      const result = backend.claim(customerId, input.repId, input.now);
      return {
        customerId,
        repId: input.repId,
        outcome: result.outcome,
        reason: result.outcome === "denied" ? result.reason : null,
        attempts: result.attempts,
        conflicts: result.outcome === "denied" ? (result.conflicts ?? []).map((c) => c.type) : [],
      };
    });
  } finally {
    db.close();
  }
}

const port = parentPort;
if (port) {
  const input: ClaimWorkerInput = workerData;
  // Wait for "go", so that both workers start claiming at the same moment.
  port.once("message", () => {
    try {
      port.postMessage({ ok: true, reports: run(input) });
    } catch (error) {
      port.postMessage({ ok: false, error: String(error) });
    }
  });
  port.postMessage({ ready: true });
}
