/**
 * The CRM's SQLite database: customers, reps, the router state (one row, with its version) and
 * an append-only event log that keeps each decision's explanation next to its event.
 *
 * Every connection gets WAL mode (readers never block the writer) and a busy timeout (a writer
 * waits for another writer instead of failing at once), so many workers can share one file.
 */
import Database from "better-sqlite3";
import { initialState } from "../../src/index";

/** A better-sqlite3 connection to the CRM database. */
export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reps (
  id     TEXT PRIMARY KEY,
  active INTEGER NOT NULL DEFAULT 1,
  record TEXT NOT NULL                 -- the leadroute rep record (JSON)
);

CREATE TABLE IF NOT EXISTS customers (
  id            TEXT PRIMARY KEY,
  record        TEXT NOT NULL,         -- the customer record as received (JSON), plus CRM updates
  owner         TEXT,                  -- projection of state.customers[id].owner, for CRM queries
  owner_version INTEGER                -- the state version at which the owner last changed
);

-- One row: the router state and its version, the compare-and-set key of every write.
CREATE TABLE IF NOT EXISTS router_state (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  state   TEXT NOT NULL
);

-- Append-only: one row per leadroute event, in commit order. Events do not carry the rule-set
-- revision, so it is stored beside them; the explanation of the decision or operation that
-- produced the event is stored with it, so an audit needs nothing else.
CREATE TABLE IF NOT EXISTS events (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  version           INTEGER NOT NULL,
  type              TEXT NOT NULL,
  customer_id       TEXT,
  rep_id            TEXT,
  at                TEXT NOT NULL,
  rule_set_id       TEXT NOT NULL,
  rule_set_revision TEXT,
  event             TEXT NOT NULL,     -- the RouterEvent (JSON), input of replay()
  explanation_kind  TEXT CHECK (explanation_kind IN ('decision', 'operation')),
  explanation       TEXT               -- Explanation or OperationExplanation (JSON)
);
CREATE INDEX IF NOT EXISTS events_by_customer ON events (customer_id, seq);

CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

/**
 * Open (and create if needed) the CRM database at `file`: WAL mode, a busy timeout, the
 * tables, and the router state row at version 0. Safe to call from several connections.
 */
export function openDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.exec(SCHEMA);
  db.prepare("INSERT OR IGNORE INTO router_state (id, version, state) VALUES (1, 0, ?)").run(
    JSON.stringify(initialState()),
  );
  return db;
}
