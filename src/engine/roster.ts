import { formatPath, type Issue, LeadRouteError } from "../errors";
import { didYouMean } from "../logic/did-you-mean";
import { compilePatternSet, type PatternSet } from "../match/patterns";
import { fromZodIssues } from "../schema/issues";
import type { Rep, WorkingWindow } from "../schema/rep";
import { RepsSchema } from "../schema/rep";
import type { RuleSet } from "../schema/rule-set";
import { isValidTimeZone, parseInstant } from "../time";

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
 * Check and prepare the reps of a call. Throws one {@link LeadRouteError} listing every issue
 * (shape, unknown keys with hints, duplicate ids, unknown territories and time zones).
 */
export function prepareRoster(reps: unknown, ruleSet: RuleSet): Roster {
  const parsed = RepsSchema.safeParse(reps);
  if (!parsed.success) {
    throw new LeadRouteError(
      "invalid_reps",
      fromZodIssues(parsed.error.issues, RepsSchema, ["reps"]),
    );
  }
  const issues: Issue[] = [];
  const byId = new Map<string, RepInfo>();
  const territoryNames = Object.keys(ruleSet.territories);
  parsed.data.forEach((rep, i) => {
    const at = (path: PropertyKey[], message: string) =>
      issues.push({ path: formatPath(["reps", i, ...path]), message });
    if (byId.has(rep.id)) at(["id"], `duplicate rep id "${rep.id}"`);
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
    byId.set(rep.id, {
      id: rep.id,
      rep,
      active: rep.active,
      weight: rep.weight,
      timezone,
      teams: new Set(rep.teams ?? []),
      territories: rep.territories,
      industries: rep.industries ? compilePatternSet(rep.industries) : undefined,
      tiers: rep.tiers ? new Set(rep.tiers) : undefined,
      workingHours: rep.workingHours,
      timeOff,
      perDay: rep.capacity?.perDay ?? ruleSet.capacity.perDay,
      perWeek: rep.capacity?.perWeek ?? ruleSet.capacity.perWeek,
      ownedCap: rep.capacity?.owned ?? ruleSet.capacity.owned,
    });
  });
  if (issues.length > 0) throw new LeadRouteError("invalid_reps", issues);
  return { list: [...byId.values()], byId };
}
