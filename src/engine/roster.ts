import { formatPath, type Issue, LeadRouteError } from "../errors";
import { LIMITS } from "../limits";
import { didYouMean } from "../logic/did-you-mean";
import { compilePatternSet, type PatternSet } from "../match/patterns";
import { forbiddenKeyIssues } from "../schema/forbidden-keys";
import { fromZodIssues } from "../schema/issues";
import type { Rep, WorkingWindow } from "../schema/rep";
import { RepSchema } from "../schema/rep";
import type { RuleSet } from "../schema/rule-set";
import { isValidTimeZone, parseInstant } from "../time";
import { deepFreeze } from "./deep-freeze";
import { matchesPlain, type PlainShape, plainKey, shapeOfKey } from "./plain-key";

/** A rep prepared for the hot loop: sets and parsed times instead of lists and strings. */
export interface RepInfo {
  readonly id: string;
  readonly rep: Rep;
  readonly active: boolean;
  readonly weight: number;
  readonly timezone: string;
  readonly teams: ReadonlySet<string>;
  readonly territories: readonly string[] | undefined;
  readonly industries: PatternSet | undefined;
  readonly tiers: ReadonlySet<string> | undefined;
  readonly workingHours: readonly WorkingWindow[] | undefined;
  readonly timeOff: readonly { from: number; to: number }[];
  readonly perDay: number | undefined;
  readonly perWeek: number | undefined;
  readonly ownedCap: number | undefined;
}

export interface Roster {
  readonly list: readonly RepInfo[];
  readonly byId: ReadonlyMap<string, RepInfo>;
}

/**
 * Characters of keys remembered per rule set (keys are at most 16,384 each, see plainKey): past
 * it, everything remembered is dropped and learned again. A bound on memory, not a tuning.
 */
const REMEMBERED_CHARS = 4_000_000;

/**
 * Reps prepared without an issue, for one rule set, by {@link plainKey} of their input: a host
 * that calls once per lead passes the same roster every time, and checking it again would cost
 * more than deciding the lead. A hit is a rep whose data is exactly that of one prepared before,
 * so it is prepared exactly as that one was; prepared values are frozen (they are shared). A rep
 * is kept the second time its data comes: one whose data changes every call is not copied.
 */
class PreparedReps {
  private readonly prepared = new Map<string, RepInfo>();
  private readonly seen = new Set<string>();
  private chars = 0;
  /**
   * The caller's rep objects last found prepared, with the shape of their data then (weakly:
   * nothing of the caller's is kept alive). A host passes the same objects call after call;
   * checking one against its shape costs less than keying it, and finds any change made in place.
   */
  private byObject = new WeakMap<object, { readonly shape: PlainShape; readonly info: RepInfo }>();

  get(key: string): RepInfo | undefined {
    return this.prepared.get(key);
  }

  /** The prepared rep for `raw` if it is an object found prepared before and still the same data. */
  unchanged(raw: unknown): RepInfo | undefined {
    if (typeof raw !== "object" || raw === null) return undefined;
    const known = this.byObject.get(raw);
    return known !== undefined && matchesPlain(raw, known.shape) ? known.info : undefined;
  }

  /** Remember that `raw`, whose data has `key`, is prepared as `info`. */
  remember(raw: unknown, key: string, info: RepInfo): void {
    if (typeof raw === "object" && raw !== null)
      this.byObject.set(raw, { shape: shapeOfKey(key), info });
  }

  /** Whether this data came before (it now has). */
  seenBefore(key: string): boolean {
    if (this.seen.has(key)) return true;
    if (this.chars + key.length > REMEMBERED_CHARS) {
      this.prepared.clear();
      this.seen.clear();
      this.byObject = new WeakMap();
      this.chars = 0;
    }
    this.chars += key.length;
    this.seen.add(key);
    return false;
  }

  keep(key: string, info: RepInfo): void {
    if (this.seen.delete(key)) this.prepared.set(key, info);
  }
}

const prepared = new WeakMap<RuleSet, PreparedReps>();

function preparedFor(ruleSet: RuleSet): PreparedReps {
  let cache = prepared.get(ruleSet);
  if (cache === undefined) {
    cache = new PreparedReps();
    prepared.set(ruleSet, cache);
  }
  return cache;
}

/**
 * Most distinct working-hour lists shared at once, and the longest one shared (as JSON): bounds
 * on memory (past the first, start over; past the second, the list is used unshared).
 */
const SHARED_HOURS_LIMIT = 1_000;
const SHARED_HOURS_CHARS = 16_384;

/**
 * One frozen list per distinct working hours: reps of a team usually have the same hours, and
 * sharing the list lets the working-hours filter reuse one answer for all of them.
 */
const sharedHours = new Map<string, readonly WorkingWindow[]>();

function shareHours(hours: readonly WorkingWindow[]): readonly WorkingWindow[] {
  const key = JSON.stringify(hours);
  if (key.length > SHARED_HOURS_CHARS) return hours;
  const known = sharedHours.get(key);
  if (known !== undefined) return known;
  if (sharedHours.size >= SHARED_HOURS_LIMIT) sharedHours.clear();
  // A parsed list (made by the schema, never the caller's), frozen before it is shared.
  const shared = deepFreeze(hours);
  sharedHours.set(key, shared);
  return shared;
}

/**
 * Check and prepare the reps of a call. Throws one {@link LeadRouteError} listing every issue
 * (shape, unknown keys with hints, duplicate ids, unknown territories and time zones). A rep
 * with exactly the data of one prepared before under the same rule set is taken as prepared.
 */
export function prepareRoster(reps: unknown, ruleSet: RuleSet): Roster {
  if (!Array.isArray(reps)) {
    throw new LeadRouteError("invalid_reps", [
      { path: "reps", message: "must be an array of reps" },
    ]);
  }
  // Checked first: an over-long roster is refused with one issue, not one per element.
  if (reps.length > LIMITS.maxListLength) {
    throw new LeadRouteError("invalid_reps", [
      { path: "reps", message: `at most ${LIMITS.maxListLength} reps (got ${reps.length})` },
    ]);
  }
  // Prototype keys are listed first, rep by rep in order (as one scan of the array would).
  const forbidden: Issue[] = [];
  // The array counts as scanned, as in one scan of it (a rep referring to it adds no path).
  const scanned = new Set<object>([reps]);
  const issues: Issue[] = [];
  // Each rep is checked on its own so one malformed rep does not hide the others' issues.
  const cache = preparedFor(ruleSet);
  const parsed: Rep[] = [];
  const known: RepInfo[] = [];
  const keys: (string | undefined)[] = [];
  const rawIds = new Map<string, number>();
  reps.forEach((raw, i) => {
    let hit = cache.unchanged(raw);
    const key = hit === undefined ? plainKey(raw) : undefined;
    if (key !== undefined) {
      hit = cache.get(key);
      if (hit !== undefined) cache.remember(raw, key, hit);
    }
    // A prepared rep's data was scanned clean when it was prepared (a rep with a prototype key
    // is never kept), and its data is exactly that: it is not scanned again.
    if (hit !== undefined) known[i] = hit;
    else {
      const found = forbiddenKeyIssues(raw, ["reps", i], scanned);
      forbidden.push(...found);
      // Not kept in a call that found a prototype key anywhere: an object shared with an earlier
      // rep is scanned once, so a rep's own scan may not report what its data holds.
      const keep = key !== undefined && forbidden.length === 0 && cache.seenBefore(key);
      if (keep) keys[i] = key;
      // A rep to keep is parsed from the copy its key spells: it then holds nothing of the
      // caller's objects, and is exactly the data the key names.
      const r = RepSchema.safeParse(keep ? JSON.parse(key) : raw, { reportInput: true });
      if (r.success) parsed[i] = keep ? deepFreeze(r.data) : r.data;
      else issues.push(...fromZodIssues(r.error.issues, RepSchema, ["reps", i]));
    }
    const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
    if (typeof id === "string") {
      const first = rawIds.get(id);
      if (first !== undefined) {
        issues.push({
          path: formatPath(["reps", i, "id"]),
          message: `duplicate rep id "${id}" (first at reps[${first}])`,
        });
      } else rawIds.set(id, i);
    }
  });
  const byId = new Map<string, RepInfo>();
  const territoryNames = Object.keys(ruleSet.territories);
  for (let i = 0; i < reps.length; i++) {
    const hit = known[i];
    if (hit !== undefined) {
      byId.set(hit.id, hit);
      continue;
    }
    const rep = parsed[i];
    if (rep === undefined) continue;
    const issuesBefore = issues.length;
    const at = (path: PropertyKey[], message: string) =>
      issues.push({ path: formatPath(["reps", i, ...path]), message });
    const timezone = rep.timezone ?? ruleSet.timezone;
    if (!isValidTimeZone(timezone)) at(["timezone"], `unknown IANA time zone "${timezone}"`);
    rep.territories?.forEach((t, j) => {
      if (!Object.hasOwn(ruleSet.territories, t)) {
        const hint = didYouMean(t, territoryNames);
        at(
          ["territories", j],
          `unknown territory "${t}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
        );
      }
    });
    const timeOff: { from: number; to: number }[] = [];
    rep.timeOff?.forEach((off, j) => {
      const zone = isValidTimeZone(timezone) ? timezone : "UTC";
      const from = parseInstant(off.from, zone);
      const to = parseInstant(off.to, zone);
      if (!from.ok) at(["timeOff", j, "from"], from.message);
      if (!to.ok) at(["timeOff", j, "to"], to.message);
      if (from.ok && to.ok) {
        if (to.ms < from.ms) at(["timeOff", j, "to"], "is before from");
        else timeOff.push({ from: from.ms, to: to.ms });
      }
    });
    const info: RepInfo = {
      id: rep.id,
      rep,
      active: rep.active,
      weight: rep.weight,
      timezone,
      teams: new Set(rep.teams ?? []),
      territories: rep.territories,
      industries: rep.industries ? compilePatternSet(rep.industries) : undefined,
      tiers: rep.tiers ? new Set(rep.tiers) : undefined,
      workingHours: rep.workingHours === undefined ? undefined : shareHours(rep.workingHours),
      timeOff: Object.freeze(timeOff),
      perDay: rep.capacity?.perDay ?? ruleSet.capacity.perDay,
      perWeek: rep.capacity?.perWeek ?? ruleSet.capacity.perWeek,
      ownedCap: rep.capacity?.owned ?? ruleSet.capacity.owned,
    };
    byId.set(rep.id, info);
    const key = keys[i];
    if (key !== undefined && issues.length === issuesBefore) {
      const kept = Object.freeze(info);
      cache.keep(key, kept);
      cache.remember(reps[i], key, kept);
    }
  }
  if (forbidden.length > 0 || issues.length > 0)
    throw new LeadRouteError("invalid_reps", [...forbidden, ...issues]);
  return { list: [...byId.values()], byId };
}
