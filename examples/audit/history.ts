/**
 * A short history to audit: leads routed in November under revision 2026-11.1, a claim from the
 * public pool, then revision 2026-12.1 goes live (Jiangsu gets its own rep, zhou) and December
 * leads are routed under it. Each write appends its events with the revision that produced them,
 * and each `assign` call's inputs, as a host would (see examples/crm-backend for a database).
 */
import { readFileSync } from "node:fs";
import { createRouter, initialState, type RouterState } from "../../src/index";
import type { AuditStore } from "./audit";

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));

/** The roster of the whole history (nobody joined or left). */
export const REPS = [{ id: "wang" }, { id: "li" }, { id: "zhao" }, { id: "qian" }, { id: "zhou" }];

/** Run the history; return the audit store and the state the operations produced. */
export function buildHistory(): { store: AuditStore; state: RouterState } {
  // Every revision that was ever live is kept, by its revision.
  const store: AuditStore = {
    ruleSets: {
      "2026-11.1": load("./rules-2026-11.json"),
      "2026-12.1": load("./rules-2026-12.json"),
    },
    log: [],
    calls: [],
  };
  const routerOf = (revision: string) => ({
    revision,
    router: createRouter(store.ruleSets[revision]),
  });
  const november = routerOf("2026-11.1");
  const december = routerOf("2026-12.1");
  let state = initialState();

  const assign = (
    { revision, router }: typeof november,
    customers: Record<string, unknown>[],
    now: string,
  ) => {
    const result = router.assign({ customers, reps: REPS, state, now });
    state = result.state;
    store.calls.push({
      version: state.version,
      ruleSetRevision: revision,
      now,
      customers,
      reps: REPS,
    });
    for (const event of result.events) store.log.push({ ruleSetRevision: revision, event });
  };

  assign(
    november,
    [
      { id: "n-1", region: "CN-SH", source: "web" },
      { id: "n-2", region: "CN-JS", source: "fair" },
      { id: "n-3", region: "CN-BJ", source: "web" },
      { id: "n-4", region: "CN-BJ", source: "fair" },
    ],
    "2026-11-27T10:00:00+08:00",
  );

  const claim = november.router.claim({
    customerId: "n-4",
    repId: "qian",
    reps: REPS,
    state,
    now: "2026-11-28T09:00:00+08:00",
  });
  state = claim.state;
  for (const event of claim.events) store.log.push({ ruleSetRevision: november.revision, event });

  assign(
    december,
    [
      { id: "d-1", region: "CN-JS", source: "web" },
      { id: "d-2", region: "CN-ZJ", source: "fair" },
    ],
    "2026-12-01T10:00:00+08:00",
  );
  return { store, state };
}
