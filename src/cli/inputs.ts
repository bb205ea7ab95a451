import { createRouter, type Router } from "../engine/router";
import { checkState } from "../engine/state-check";
import { isLeadRouteError, type LeadRouteError } from "../errors";
import { safeParseRuleSet } from "../schema/parse";
import type { RuleSet } from "../schema/rule-set";
import type { RouterState } from "../schema/state";
import { parseInstant } from "../time";
import { CliError, EXIT } from "./errors";
import type { CliIo } from "./io";
import { loadCustomersFile, loadRepsFile, loadRuleSetFile, loadStateFile } from "./load";
import type { Progress } from "./progress";

/** Every issue of a library error as indented `path: message` lines. */
export function issueLines(error: LeadRouteError): string[] {
  return error.issues.map((i) => `  ${i.path ? `${i.path}: ` : ""}${i.message}`);
}

/** Load and parse a rule set file; an invalid one is a {@link CliError} (exit 1) listing every issue. */
export function loadRuleSet(io: CliIo, file: string): RuleSet {
  const raw = loadRuleSetFile(io, file);
  const parsed = safeParseRuleSet(raw);
  if (!parsed.success) throw invalid(file, "rule set", parsed.error);
  return parsed.data;
}

function invalid(file: string, what: string, error: LeadRouteError): CliError {
  const n = error.issues.length;
  return new CliError(
    EXIT.failure,
    `${file}: invalid ${what} (${n} issue${n === 1 ? "" : "s"})`,
    issueLines(error),
  );
}

/** Options naming the input files of simulate, explain and diff. */
export interface InputFiles {
  rules: string;
  reps: string;
  customers: string;
  state?: string | undefined;
  now?: string | undefined;
}

/** Everything a routing run needs, loaded and checked. */
export interface LoadedInputs {
  ruleSet: RuleSet;
  router: Router;
  reps: unknown[];
  customers: unknown[];
  /** Source line of each customer (CSV, NDJSON). */
  customerLines: number[] | undefined;
  state: RouterState | undefined;
  /** `now` as given (`--now`), or the latest `receivedAt` of the customers. */
  now: string | number;
  /** Where `now` came from, for the report header. */
  nowSource: "option" | "customers";
}

/**
 * The latest `receivedAt` among the customers (as written in the file), read in the rule set's
 * time zone; undefined when no customer has a valid one. Reading the clock instead would make
 * the CLI's output depend on when it runs.
 */
export function latestReceivedAt(
  customers: readonly unknown[],
  timeZone: string,
): string | number | undefined {
  let best: { raw: string | number; ms: number } | undefined;
  for (const c of customers) {
    if (
      typeof c !== "object" ||
      c === null ||
      !("receivedAt" in c) ||
      !Object.hasOwn(c, "receivedAt")
    )
      continue;
    const raw = c.receivedAt;
    if (typeof raw !== "string" && typeof raw !== "number") continue;
    const t = parseInstant(raw, timeZone);
    if (t.ok && (best === undefined || t.ms > best.ms)) best = { raw, ms: t.ms };
  }
  return best?.raw;
}

/** Check `--now` early, so a typo is a usage error rather than a failed run. */
export function checkNowOption(now: string, timeZone: string): string | number {
  const value = /^-?\d+$/.test(now) ? Number(now) : now;
  const t = parseInstant(value, timeZone);
  if (!t.ok) throw new CliError(EXIT.usage, `--now ${JSON.stringify(now)}: ${t.message}`);
  return value;
}

/** Resolve `now`: the option, else the latest `receivedAt`, else an error asking for `--now`. */
export function resolveNow(
  option: string | undefined,
  customers: readonly unknown[],
  customersFile: string,
  timeZone: string,
): { now: string | number; nowSource: "option" | "customers" } {
  if (option !== undefined) return { now: checkNowOption(option, timeZone), nowSource: "option" };
  const latest = latestReceivedAt(customers, timeZone);
  if (latest === undefined) {
    throw new CliError(
      EXIT.failure,
      `${customersFile}: no customer has a valid receivedAt, so "now" is unknown; pass --now (e.g. --now 2026-12-01T18:00:00+08:00)`,
    );
  }
  return { now: latest, nowSource: "customers" };
}

/** Check reps and state through the engine, naming the file that holds the problem. */
export function checkRepsAndState(
  router: Router,
  reps: unknown[],
  state: unknown,
  files: { reps: string; state?: string | undefined },
): RouterState | undefined {
  let checked: RouterState | undefined;
  try {
    if (state !== undefined) checked = checkState(state);
    // An empty batch runs every roster check (shape, unknown keys, territories, time zones).
    router.assign({ customers: [], reps, state: checked, now: checked?.clock ?? 0 });
  } catch (e) {
    if (isLeadRouteError(e) && e.code === "invalid_reps") throw invalid(files.reps, "reps", e);
    if (isLeadRouteError(e) && e.code === "invalid_state")
      throw invalid(files.state ?? "state", "state", e);
    throw e;
  }
  return checked;
}

/** Load the rule set, reps, customers and state of a run, and settle `now`. */
export function loadInputs(io: CliIo, files: InputFiles, progress: Progress): LoadedInputs {
  progress.step(`reading ${files.rules}`);
  const ruleSet = loadRuleSet(io, files.rules);
  const router = createRouter(ruleSet);
  progress.step(`reading ${files.reps}`);
  const reps = loadRepsFile(io, files.reps);
  progress.step(`reading ${files.customers}`);
  const { records: customers, lines: customerLines } = loadCustomersFile(io, files.customers);
  const rawState = files.state === undefined ? undefined : loadStateFile(io, files.state);
  const state = checkRepsAndState(router, reps, rawState, files);
  const { now, nowSource } = resolveNow(files.now, customers, files.customers, ruleSet.timezone);
  return { ruleSet, router, reps, customers, customerLines, state, now, nowSource };
}
