import { type CompiledRuleSet, compileRuleSet } from "../engine/compile";
import { memberResolver } from "../engine/context";
import { prepareRoster, type RepInfo, type Roster } from "../engine/roster";
import { formatPath } from "../errors";
import { truthy } from "../logic";
import { didYouMean } from "../logic/did-you-mean";
import { MATCHER_ORDER } from "../match/matchers";
import { compilePattern } from "../match/patterns";
import { type ParseOptions, parseRuleSet } from "../schema/parse";
import type { Rule, RuleSet } from "../schema/rule-set";
import {
  type Area,
  areaOf,
  areasMayIntersect,
  countryArea,
  isEmptyArea,
  matchersCover,
  matchersMayIntersect,
  patternsMayIntersect,
  type RelationContext,
  regionArea,
} from "./relations";

/** Every finding code of `analyzeRuleSet`, listed once (docs are checked against this list). */
export const FINDING_CODES = [
  "rule_overlap",
  "shadowed_rule",
  "never_matches",
  "ineffective_next_rule",
  "priority_ignored",
  "unreachable_pool",
  "empty_pool",
  "unknown_member",
  "inactive_member",
  "unknown_team",
  "no_eligible_member",
  "weights_ignored",
  "zero_capacity",
  "empty_territory",
  "unused_territory",
  "unused_tier",
  "unreachable_tier",
  "no_fallback",
] as const;

/** A finding code (see {@link FINDING_CODES}). */
export type FindingCode = (typeof FINDING_CODES)[number];

/** How serious a finding is: `error` routes customers wrongly for sure, `warning` probably, `info` is worth a look. */
export type FindingSeverity = "error" | "warning" | "info";

/** The severity of each finding code (fixed per code). */
export const FINDING_SEVERITIES = {
  rule_overlap: "warning",
  shadowed_rule: "warning",
  never_matches: "warning",
  ineffective_next_rule: "warning",
  priority_ignored: "info",
  unreachable_pool: "warning",
  empty_pool: "error",
  unknown_member: "error",
  inactive_member: "info",
  unknown_team: "warning",
  no_eligible_member: "error",
  weights_ignored: "info",
  zero_capacity: "warning",
  empty_territory: "warning",
  unused_territory: "info",
  unused_tier: "info",
  unreachable_tier: "warning",
  no_fallback: "info",
} as const satisfies Record<FindingCode, FindingSeverity>;

/** One problem (or point of attention) in a rule set, located by its path. */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** Where in the rule set (or `reps[i]…` for a rep), e.g. `rules[2]`, `pools.inside.members[1]`. */
  path: string;
  message: string;
  /** The rules involved, when the finding is about rules. */
  ruleIds?: string[];
  details?: Record<string, unknown>;
}

/** What {@link analyzeRuleSet} returns. */
export interface Analysis {
  /** Findings sorted by path (numeric indexes in numeric order), then code, then message. */
  findings: Finding[];
}

interface Ctx {
  readonly rs: RuleSet;
  readonly compiled: CompiledRuleSet;
  readonly rel: RelationContext;
  readonly roster: Roster | undefined;
  /** Rules in the order the hit policy considers them. */
  readonly ordered: readonly { rule: Rule; index: number }[];
  /** Why each rule can never match (undefined: it may). */
  readonly never: readonly (string | undefined)[];
  add(code: FindingCode, path: PropertyKey[], message: string, extra?: Partial<Finding>): void;
}

const quote = (s: string): string => JSON.stringify(s);
const list = (ids: readonly string[]): string => ids.map(quote).join(", ");

/** The constant truth value of a condition that is a plain literal (not an operation), else undefined. */
function constantTruth(condition: unknown): boolean | undefined {
  if (condition === null || typeof condition !== "object") return truthy(condition);
  return undefined;
}

/**
 * Check a rule set statically and report findings with codes and paths: overlapping and shadowed
 * rules, rules that never match, pools no rule uses or without (known, active, able) members,
 * unused territories and tiers, ineffective settings and the default fallback queue. With
 * `reps`, membership, coverage and capacity are checked against that roster too.
 *
 * The rule set is parsed first (a broken one throws `LeadRouteError`, as do invalid reps).
 * Overlap is reported when two rules may both match (conservative: `when` conditions are assumed
 * satisfiable); shadowing only when certain. Pure and deterministic.
 */
export function analyzeRuleSet(
  ruleSet: unknown,
  reps?: readonly unknown[],
  options: ParseOptions = {},
): Analysis {
  const rs = parseRuleSet(ruleSet, options);
  const compiled = compileRuleSet(rs, options.operators);
  const roster = reps === undefined ? undefined : prepareRoster(reps, rs);
  const rel: RelationContext = { territories: compiled.territories };
  const findings: Finding[] = [];
  const ctx: Ctx = {
    rs,
    compiled,
    rel,
    roster,
    ordered: compiled.ordered.map(({ rule, index }) => ({ rule, index })),
    never: rs.rules.map((r) => neverMatches(r, rel)),
    add(code, path, message, extra = {}) {
      findings.push({
        code,
        severity: FINDING_SEVERITIES[code],
        path: formatPath(path),
        message,
        ...extra,
      });
    },
  };

  checkRules(ctx);
  checkPools(ctx);
  checkCapacity(ctx);
  checkTerritories(ctx);
  checkTiers(ctx);
  if (!declaresFallback(ruleSet)) {
    ctx.add(
      "no_fallback",
      ["fallback"],
      `no fallback queue is declared: customers no rule can place go to the default queue "${rs.fallback.queue}"`,
      { details: { queue: rs.fallback.queue } },
    );
  }
  findings.sort(
    (a, b) =>
      naturalCompare(a.path, b.path) || compare(a.code, b.code) || compare(a.message, b.message),
  );
  return { findings };
}

/** Whether the raw input names a fallback queue (after parsing, the default is indistinguishable). */
function declaresFallback(input: unknown): boolean {
  if (typeof input !== "object" || input === null || !Object.hasOwn(input, "fallback"))
    return false;
  return Object.getOwnPropertyDescriptor(input, "fallback")?.value !== undefined;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compare paths with digit runs as numbers, so `rules[2]` sorts before `rules[10]`. */
export function naturalCompare(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const c = digits ? Number(x) - Number(y) || compare(x, y) : compare(x, y);
    if (c !== 0) return c;
  }
  return ta.length - tb.length;
}

// ---- rules ----

/** Why a rule can never match, or undefined when it may. */
function neverMatches(rule: Rule, rel: RelationContext): string | undefined {
  if (rule.when !== undefined && constantTruth(rule.when) === false)
    return `its condition is the constant ${JSON.stringify(rule.when)}`;
  const m = rule.match;
  if (!m) return undefined;
  for (const key of MATCHER_ORDER) {
    if (m[key]?.length === 0) return `its "${key}" matcher lists nothing`;
  }
  if (m.territory && isEmptyArea(areaOf(m.territory, rel.territories)))
    return `its territories ${list(m.territory)} contain no country, region or postal code`;
  if (m.country && m.region) {
    const countries = new Set(m.country.map((c) => c.toUpperCase()));
    if (!m.region.some((r) => countries.has(r.slice(0, 2).toUpperCase())))
      return `none of its regions ${list(m.region)} lies in its countries ${list(m.country)}`;
  }
  return undefined;
}

/** Does a matching rule always decide (so no later rule is tried)? */
const alwaysDecides = (rule: Rule): boolean =>
  rule.assign.queue !== undefined || rule.onNoEligibleRep !== "next-rule";

function checkRules(ctx: Ctx): void {
  const { rs, ordered, never } = ctx;
  rs.rules.forEach((rule, i) => {
    const why = never[i];
    if (why !== undefined)
      ctx.add("never_matches", ["rules", i], `rule ${quote(rule.id)} can never match: ${why}`, {
        ruleIds: [rule.id],
      });
  });

  // Overlap: equal priority (priority) or any pair (unique) whose matchers may both hold.
  if (rs.hitPolicy !== "first") {
    for (let j = 0; j < rs.rules.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = rs.rules[i]!;
        const b = rs.rules[j]!;
        if (never[i] !== undefined || never[j] !== undefined) continue;
        if (rs.hitPolicy === "priority" && a.priority !== b.priority) continue;
        const shared = matchersMayIntersect(a.match, b.match, ctx.rel);
        if (shared === undefined) continue;
        const conditions = [a, b].filter((r) => r.when !== undefined).map((r) => r.id);
        const consequence =
          rs.hitPolicy === "unique"
            ? "a customer matching both is not assigned (outcome conflict)"
            : `${quote(a.id)} wins by declared order and each such customer is reported as a rule_overlap conflict`;
        ctx.add(
          "rule_overlap",
          ["rules", j],
          `rules ${quote(a.id)} and ${quote(b.id)}${rs.hitPolicy === "priority" ? ` (both priority ${a.priority})` : ""} can match the same customer: ${consequence}${conditions.length > 0 ? ` (assuming the "when" of ${list(conditions)} can hold)` : ""}`,
          {
            ruleIds: [a.id, b.id],
            details: {
              hitPolicy: rs.hitPolicy,
              ...(rs.hitPolicy === "priority" ? { priority: a.priority } : {}),
              sharedMatchers: shared,
              conditionsAssumedSatisfiable: conditions,
            },
          },
        );
      }
    }
  }

  // Shadowing: an earlier-considered rule, without condition and always deciding, matches a superset.
  if (rs.hitPolicy !== "unique") {
    ordered.forEach(({ rule: b, index: j }, k) => {
      if (never[j] !== undefined) return;
      for (const { rule: a, index: i } of ordered.slice(0, k)) {
        if (never[i] !== undefined || a.when !== undefined || !alwaysDecides(a)) continue;
        if (!matchersCover(a.match, b.match, ctx.rel)) continue;
        const why =
          rs.hitPolicy === "priority" && a.priority > b.priority
            ? `higher priority, ${a.priority} > ${b.priority}`
            : rs.hitPolicy === "priority"
              ? `equal priority ${a.priority}, declared earlier`
              : "declared earlier";
        ctx.add(
          "shadowed_rule",
          ["rules", j],
          `rule ${quote(b.id)} can never win: rule ${quote(a.id)} is considered first (${why}), matches every customer it matches and always decides`,
          { ruleIds: [b.id, a.id], details: { shadowedBy: a.id } },
        );
        return;
      }
    });
  }

  // next-rule settings that cannot take effect.
  ordered.forEach(({ rule, index }, k) => {
    if (rule.onNoEligibleRep !== "next-rule") return;
    const reason =
      rs.hitPolicy === "unique"
        ? "unique_hit_policy"
        : rule.assign.queue !== undefined
          ? "queue_target"
          : k === ordered.length - 1
            ? "last_rule"
            : undefined;
    if (reason === undefined) return;
    const text = {
      unique_hit_policy: `hit policy "unique" never tries another rule: customers with no eligible rep go to the fallback queue ${quote(rs.fallback.queue)}`,
      queue_target: "a queue target always succeeds: the setting has no effect",
      last_rule: `no rule is considered after it: customers with no eligible rep go to the fallback queue ${quote(rs.fallback.queue)}`,
    }[reason];
    ctx.add(
      "ineffective_next_rule",
      ["rules", index, "onNoEligibleRep"],
      `rule ${quote(rule.id)} has onNoEligibleRep "next-rule" but ${text}`,
      { ruleIds: [rule.id], details: { reason } },
    );
  });

  if (rs.hitPolicy !== "priority") {
    const prioritized = rs.rules.filter((r) => r.priority !== 0).map((r) => r.id);
    if (prioritized.length > 0) {
      ctx.add(
        "priority_ignored",
        ["hitPolicy"],
        `hit policy "${rs.hitPolicy}" ignores the priorities of ${list(prioritized)}: rules are considered in declared order`,
        { ruleIds: prioritized },
      );
    }
  }
}

// ---- pools, members, coverage ----

function checkPools(ctx: Ctx): void {
  const { rs, roster } = ctx;
  const targeted = new Set(rs.rules.flatMap((r) => (r.assign.pool ? [r.assign.pool] : [])));
  const members = roster ? memberResolver(ctx.compiled, roster) : undefined;
  const repIds = roster ? [...roster.byId.keys()] : [];
  const teams = new Set(roster?.list.flatMap((r) => [...r.teams]) ?? []);

  for (const [poolId, pool] of Object.entries(rs.pools)) {
    if (!targeted.has(poolId)) {
      ctx.add("unreachable_pool", ["pools", poolId], `no rule assigns to pool ${quote(poolId)}`);
    }
    if (Array.isArray(pool.members) && pool.members.length === 0) {
      ctx.add("empty_pool", ["pools", poolId, "members"], `pool ${quote(poolId)} has no members`, {
        details: { reason: "no_members" },
      });
      continue;
    }
    if (!roster || !members) continue;
    if (Array.isArray(pool.members)) {
      pool.members.forEach((id, j) => {
        checkMember(
          ctx,
          roster,
          repIds,
          id,
          ["pools", poolId, "members", j],
          `pool ${quote(poolId)}`,
        );
      });
    } else {
      pool.members.teams?.forEach((team, j) => {
        if (teams.has(team)) return;
        const hint = didYouMean(team, [...teams].sort(compare));
        ctx.add(
          "unknown_team",
          ["pools", poolId, "members", "teams", j],
          `no rep is in team ${quote(team)}${hint ? ` (did you mean ${quote(hint)}?)` : ""}`,
          { details: { team, ...(hint ? { didYouMean: hint } : {}) } },
        );
      });
    }
    const resolved = members(poolId);
    const active = resolved.flatMap((id) => {
      const rep = roster.byId.get(id);
      return rep?.active ? [rep] : [];
    });
    if (active.length === 0) {
      const reason = resolved.length === 0 ? "selector_matches_nobody" : "no_active_member";
      ctx.add(
        "empty_pool",
        ["pools", poolId, "members"],
        reason === "selector_matches_nobody"
          ? `pool ${quote(poolId)}'s selector selects no rep of the roster`
          : `pool ${quote(poolId)} has no active member in the roster`,
        { details: { reason, members: resolved.length } },
      );
    }
    if (pool.strategy !== "weighted" && new Set(active.map((r) => r.weight)).size > 1) {
      ctx.add(
        "weights_ignored",
        ["pools", poolId, "strategy"],
        `pool ${quote(poolId)} uses "${pool.strategy}", which ignores its members' different weights (only "weighted" uses them)`,
        { details: { weights: Object.fromEntries(active.map((r) => [r.id, r.weight])) } },
      );
    }
  }

  if (!roster || !members) return;
  ctx.rs.rules.forEach((rule, i) => {
    const target = rule.assign;
    if (target.rep !== undefined)
      checkMember(
        ctx,
        roster,
        repIds,
        target.rep,
        ["rules", i, "assign", "rep"],
        `rule ${quote(rule.id)}`,
      );
    if (ctx.never[i] !== undefined || target.queue !== undefined) return;
    const candidates =
      target.pool !== undefined
        ? members(target.pool)
        : target.rep !== undefined
          ? [target.rep]
          : [];
    const verdicts = candidates.map((id) => ({
      repId: id,
      reason: coverageProblem(ctx, rule, roster.byId.get(id)),
    }));
    // Reported already: a pool without active members (empty_pool), a rep not in the roster
    // (unknown_member).
    if (
      target.pool !== undefined &&
      verdicts.every((v) => v.reason === "inactive" || v.reason === "not_in_roster")
    )
      return;
    if (verdicts.some((v) => v.reason === "not_in_roster") && target.rep !== undefined) return;
    if (verdicts.some((v) => v.reason === undefined)) return;
    ctx.add(
      "no_eligible_member",
      ["rules", i, "assign"],
      `no ${target.pool !== undefined ? `member of pool ${quote(target.pool)}` : `rep ${quote(target.rep ?? "")}`} can ever take a customer of rule ${quote(rule.id)}: every customer it matches finds no eligible rep`,
      { ruleIds: [rule.id], details: { members: verdicts } },
    );
  });
}

function checkMember(
  ctx: Ctx,
  roster: Roster,
  repIds: readonly string[],
  id: string,
  path: PropertyKey[],
  where: string,
): void {
  const rep = roster.byId.get(id);
  if (rep === undefined) {
    const hint = didYouMean(id, repIds);
    ctx.add(
      "unknown_member",
      path,
      `${where} names rep ${quote(id)}, who is not in the roster${hint ? ` (did you mean ${quote(hint)}?)` : ""}`,
      { details: { repId: id, ...(hint ? { didYouMean: hint } : {}) } },
    );
  } else if (!rep.active) {
    ctx.add("inactive_member", path, `${where} names rep ${quote(id)}, who is inactive`, {
      details: { repId: id },
    });
  }
}

/**
 * Why a rep can never be eligible for any customer of a rule (an exclusion code, or
 * `not_in_roster` / `zero_capacity`), or undefined when it may be.
 */
function coverageProblem(ctx: Ctx, rule: Rule, rep: RepInfo | undefined): string | undefined {
  if (rep === undefined) return "not_in_roster";
  if (!rep.active) return "inactive";
  if (rep.perDay === 0 || rep.perWeek === 0 || rep.ownedCap === 0) return "zero_capacity";
  const m = rule.match;
  if (rep.territories !== undefined) {
    const repArea = areaOf(rep.territories, ctx.rel.territories);
    const ruleAreas: Area[] = [];
    if (m?.territory) ruleAreas.push(areaOf(m.territory, ctx.rel.territories));
    if (m?.country) ruleAreas.push(countryArea(m.country));
    if (m?.region) ruleAreas.push(regionArea(m.region));
    if (isEmptyArea(repArea) || ruleAreas.some((a) => !areasMayIntersect(repArea, a)))
      return "out_of_territory";
  }
  if (rep.rep.industries !== undefined) {
    const repPatterns = rep.rep.industries.map(compilePattern);
    if (
      repPatterns.length === 0 ||
      (m?.industry &&
        !m.industry
          .map(compilePattern)
          .some((p) => repPatterns.some((q) => patternsMayIntersect(p, q))))
    )
      return "industry_not_covered";
  }
  if (rep.tiers !== undefined) {
    if (rep.tiers.size === 0 || (m?.tier && !m.tier.some((t) => rep.tiers?.has(t))))
      return "tier_not_covered";
  }
  return undefined;
}

// ---- capacity ----

const CAPACITY_KEYS = ["perDay", "perWeek", "owned"] as const;

function checkCapacity(ctx: Ctx): void {
  for (const key of CAPACITY_KEYS) {
    if (ctx.rs.capacity[key] === 0)
      ctx.add(
        "zero_capacity",
        ["capacity", key],
        `capacity.${key} is 0: no rep without an override of its own is ever eligible`,
      );
  }
  ctx.roster?.list.forEach((rep, i) => {
    for (const key of CAPACITY_KEYS) {
      if (rep.rep.capacity?.[key] === 0)
        ctx.add(
          "zero_capacity",
          ["reps", i, "capacity", key],
          `rep ${quote(rep.id)} has capacity.${key} 0: they are never eligible`,
          { details: { repId: rep.id } },
        );
    }
  });
}

// ---- territories and tiers ----

function checkTerritories(ctx: Ctx): void {
  const { rs, roster } = ctx;
  const roots = [
    ...rs.rules.flatMap((r) => r.match?.territory ?? []),
    ...Object.values(rs.pools).flatMap((p) =>
      Array.isArray(p.members) ? [] : (p.members.territories ?? []),
    ),
    ...(roster?.list.flatMap((r) => r.territories ?? []) ?? []),
  ];
  // A territory included by a used one is used too.
  const used = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (used.has(name) || !Object.hasOwn(rs.territories, name)) continue;
    used.add(name);
    stack.push(...(rs.territories[name]?.include ?? []));
  }
  for (const name of Object.keys(rs.territories)) {
    if (isEmptyArea(areaOf([name], ctx.rel.territories))) {
      ctx.add(
        "empty_territory",
        ["territories", name],
        `territory ${quote(name)} lists no country, region or postal code (with its includes): it contains nobody`,
      );
    }
    if (!used.has(name)) {
      ctx.add(
        "unused_territory",
        ["territories", name],
        `territory ${quote(name)} is used by no rule, pool selector${roster ? " or rep" : " (reps not checked)"}`,
        { details: { repsChecked: roster !== undefined } },
      );
    }
  }
}

function checkTiers(ctx: Ctx): void {
  const { rs, roster } = ctx;
  const tiers = rs.tiers;
  if (!tiers) return;
  const idle = rs.ownership.idleReleaseDays;
  const used = new Set<string>([
    ...rs.rules.flatMap((r) => r.match?.tier ?? []),
    ...(typeof idle === "object" ? Object.keys(idle) : []),
    ...(roster?.list.flatMap((r) => [...(r.tiers ?? [])]) ?? []),
  ]);
  const catchAll = tiers.findIndex((t) => constantTruth(t.when) === true);
  tiers.forEach((tier, i) => {
    if (catchAll !== -1 && i > catchAll) {
      ctx.add(
        "unreachable_tier",
        ["tiers", i],
        `tier ${quote(tier.id)} is never computed: tier ${quote(tiers[catchAll]!.id)} before it always holds (it can still be given on a customer record)`,
        { details: { tier: tier.id, alwaysHolds: tiers[catchAll]!.id } },
      );
    }
    if (!used.has(tier.id)) {
      ctx.add(
        "unused_tier",
        ["tiers", i],
        `tier ${quote(tier.id)} is used by no rule, idleReleaseDays entry${roster ? " or rep" : " (reps not checked)"}`,
        { details: { tier: tier.id, repsChecked: roster !== undefined } },
      );
    }
  });
}
