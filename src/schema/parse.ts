import { formatPath, type Issue, LeadRouteError } from "../errors";
import { FORBIDDEN_KEYS, LIMITS } from "../limits";
import { type CustomOperators, validateLogic, validateOperatorNames } from "../logic";
import { didYouMean } from "../logic/did-you-mean";
import { isValidTimeZone } from "../time";
import { forbiddenKeyIssues } from "./forbidden-keys";
import { fromZodIssues } from "./issues";
import { Pool, Rule, type RuleSet, RuleSetSchema, Territory, TierDefinition } from "./rule-set";

/** Options shared by the parse functions and `createRouter`. */
export interface ParseOptions {
  /** Custom JSON Logic operators allowed in this rule set's conditions (per router, never global). */
  operators?: CustomOperators | undefined;
}

export type SafeParseResult =
  | { success: true; data: RuleSet }
  | { success: false; error: LeadRouteError };

/** Roots a rule, tier or `exempt` condition may read. */
export const CUSTOMER_ROOTS = ["customer", "now", "nowMs"] as const;
/** Roots a pool selector condition may read. */
export const REP_ROOTS = ["rep"] as const;

/**
 * Parse and check a rule set without throwing: every issue (shape, unknown keys, references,
 * conditions, time zone) is collected with its path and a hint.
 */
export function safeParseRuleSet(input: unknown, options: ParseOptions = {}): SafeParseResult {
  const operatorNames = options.operators ? Object.keys(options.operators) : [];
  const opIssues = validateOperatorNames(operatorNames);
  if (opIssues.length > 0) {
    return {
      success: false,
      error: new LeadRouteError(
        "invalid_operators",
        opIssues.map((i) => ({ path: formatPath(["operators", ...i.path]), message: i.message })),
      ),
    };
  }
  const forbidden = forbiddenKeyIssues(input, []);
  const parsed = RuleSetSchema.safeParse(input, { reportInput: true });
  if (!parsed.success || forbidden.length > 0) {
    const issues = [
      ...forbidden,
      ...(parsed.error ? fromZodIssues(parsed.error.issues, RuleSetSchema) : []),
    ];
    // One error lists everything: the parts that are well-formed still get their reference and
    // condition checks.
    if (typeof input === "object" && input !== null && !Array.isArray(input)) {
      const raw = input as Record<string, unknown>;
      issues.push(...conditionIssuesOfRaw(raw, operatorNames));
      issues.push(...checkReferences(wellFormedParts(raw), operatorNames, knownNames(raw)));
    }
    return { success: false, error: new LeadRouteError("invalid_rule_set", dedupe(issues)) };
  }
  const issues = checkReferences(parsed.data, operatorNames);
  if (issues.length > 0)
    return { success: false, error: new LeadRouteError("invalid_rule_set", issues) };
  return { success: true, data: parsed.data };
}

/** Parse and check a rule set; throws one {@link LeadRouteError} listing every issue. */
export function parseRuleSet(input: unknown, options: ParseOptions = {}): RuleSet {
  const result = safeParseRuleSet(input, options);
  if (!result.success) throw result.error;
  return result.data;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface ConditionSite {
  path: PropertyKey[];
  condition: unknown;
  roots: readonly string[];
}

/** Every JSON Logic condition of a (possibly invalid) rule set, with its path. */
function conditionSites(rs: Record<string, unknown>): ConditionSite[] {
  const sites: ConditionSite[] = [];
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const obj = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  arr(rs.tiers).forEach((t, i) => {
    const o = obj(t);
    if (o && Object.hasOwn(o, "when"))
      sites.push({ path: ["tiers", i, "when"], condition: o.when, roots: CUSTOMER_ROOTS });
  });
  arr(rs.rules).forEach((r, i) => {
    const o = obj(r);
    if (o && Object.hasOwn(o, "when") && o.when !== undefined) {
      sites.push({ path: ["rules", i, "when"], condition: o.when, roots: CUSTOMER_ROOTS });
    }
  });
  const pools = obj(rs.pools);
  if (pools) {
    for (const [name, p] of Object.entries(pools)) {
      const members = obj(obj(p)?.members);
      if (members && Object.hasOwn(members, "when") && members.when !== undefined) {
        sites.push({
          path: ["pools", name, "members", "when"],
          condition: members.when,
          roots: REP_ROOTS,
        });
      }
    }
  }
  const ownership = obj(rs.ownership);
  if (ownership && Object.hasOwn(ownership, "exempt") && ownership.exempt !== undefined) {
    sites.push({
      path: ["ownership", "exempt"],
      condition: ownership.exempt,
      roots: CUSTOMER_ROOTS,
    });
  }
  return sites;
}

function conditionIssues(sites: ConditionSite[], operatorNames: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  for (const site of sites) {
    for (const i of validateLogic(site.condition, {
      roots: site.roots,
      customOperators: operatorNames,
    })) {
      issues.push({ path: formatPath([...site.path, ...i.path]), message: i.message });
    }
  }
  return issues;
}

function conditionIssuesOfRaw(
  rs: Record<string, unknown>,
  operatorNames: readonly string[],
): Issue[] {
  return conditionIssues(conditionSites(rs), operatorNames);
}

function unknownRef(kind: string, name: string, known: readonly string[]): string {
  const hint = didYouMean(name, known);
  return `unknown ${kind} "${name}"${hint ? ` (did you mean "${hint}"?)` : known.length === 0 ? ` (no ${kind}s are defined)` : ""}`;
}

/** Checks zod cannot express: references, uniqueness, cycles, time zone, conditions. */
/** Names a rule set declares, even where their definitions are malformed. */
interface KnownNames {
  territories: string[];
  pools: string[];
  tiers: string[] | undefined;
}

const objectOf = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;

function knownNames(raw: Record<string, unknown>): KnownNames {
  const tiers = Array.isArray(raw.tiers)
    ? raw.tiers.map((t) => objectOf(t)?.id).filter((id): id is string => typeof id === "string")
    : undefined;
  return {
    territories: Object.keys(objectOf(raw.territories) ?? {}),
    pools: Object.keys(objectOf(raw.pools) ?? {}),
    tiers,
  };
}

/**
 * The well-formed parts of a rule set that failed its schema: each section, territory, pool,
 * tier and rule parsed on its own. Arrays keep their indexes (malformed entries are holes, which
 * `forEach` skips), so issue paths stay right.
 */
function wellFormedParts(raw: Record<string, unknown>): RuleSet {
  const shape = RuleSetSchema.shape;
  const base = RuleSetSchema.safeParse({ id: "_", rules: [] }).data!;
  const section = <K extends keyof typeof shape>(key: K): RuleSet[K] | undefined => {
    const r = shape[key].safeParse(raw[key]);
    return r.success ? (r.data as RuleSet[K]) : undefined;
  };
  const entries = <T>(
    value: unknown,
    schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  ) => {
    const out: Record<string, T> = {};
    for (const [name, v] of Object.entries(objectOf(value) ?? {})) {
      if (FORBIDDEN_KEYS.has(name)) continue;
      const r = schema.safeParse(v);
      if (r.success) out[name] = r.data as T;
    }
    return out;
  };
  const sparse = <T>(
    value: unknown,
    schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  ) => {
    const out: T[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        const r = schema.safeParse(v);
        if (r.success) out[i] = r.data as T;
      });
    }
    return out;
  };
  const timezone = section("timezone");
  const ownership = section("ownership");
  return {
    ...base,
    timezone: timezone ?? "UTC",
    hitPolicy: section("hitPolicy") ?? base.hitPolicy,
    territories: entries(raw.territories, Territory),
    pools: entries(raw.pools, Pool),
    tiers: Array.isArray(raw.tiers) ? sparse(raw.tiers, TierDefinition) : undefined,
    rules: sparse(raw.rules, Rule),
    ownership: ownership ?? base.ownership,
  };
}

function checkReferences(
  rs: RuleSet,
  operatorNames: readonly string[],
  known?: KnownNames,
): Issue[] {
  const issues: Issue[] = [];
  const at = (path: PropertyKey[], message: string) =>
    issues.push({ path: formatPath(path), message });
  const territoryNames = known?.territories ?? Object.keys(rs.territories);
  const poolNames = known?.pools ?? Object.keys(rs.pools);
  const tierIds = known ? known.tiers : rs.tiers?.map((t) => t.id);
  const territorySet = new Set(territoryNames);
  const poolSet = new Set(poolNames);

  if (!isValidTimeZone(rs.timezone))
    at(["timezone"], `unknown IANA time zone "${rs.timezone}" (e.g. "Asia/Shanghai", "UTC")`);
  if (Object.keys(rs.territories).length > LIMITS.maxNamedEntries)
    at(["territories"], `at most ${LIMITS.maxNamedEntries} territories`);
  if (Object.keys(rs.pools).length > LIMITS.maxNamedEntries)
    at(["pools"], `at most ${LIMITS.maxNamedEntries} pools`);
  if (rs.rules.length > LIMITS.maxRules) at(["rules"], `at most ${LIMITS.maxRules} rules`);

  const seenTier = new Map<string, number>();
  rs.tiers?.forEach((t, i) => {
    const first = seenTier.get(t.id);
    if (first !== undefined)
      at(["tiers", i, "id"], `duplicate tier id "${t.id}" (first at tiers[${first}])`);
    else seenTier.set(t.id, i);
  });
  const checkTier = (path: PropertyKey[], tier: string): void => {
    if (tierIds && !tierIds.includes(tier)) at(path, unknownRef("tier", tier, tierIds));
  };
  const checkTerritory = (path: PropertyKey[], name: string): void => {
    if (!territorySet.has(name)) at(path, unknownRef("territory", name, territoryNames));
  };

  for (const [name, t] of Object.entries(rs.territories)) {
    for (const [j, inc] of (t.include ?? []).entries())
      checkTerritory(["territories", name, "include", j], inc);
    t.postalCodes?.forEach((p, j) => {
      const problem = postalPatternProblem(p);
      if (problem) at(["territories", name, "postalCodes", j], problem);
    });
  }
  for (const cycle of includeCycles(rs))
    at(["territories", cycle[0] ?? "", "include"], `include cycle: ${cycle.join(" → ")}`);

  for (const [name, p] of Object.entries(rs.pools)) {
    if (!Array.isArray(p.members)) {
      for (const [j, t] of (p.members.territories ?? []).entries()) {
        checkTerritory(["pools", name, "members", "territories", j], t);
      }
      if (!p.members.teams && !p.members.territories && p.members.when === undefined) {
        at(["pools", name, "members"], 'a selector needs "teams", "territories" or "when"');
      }
    } else {
      const seen = new Set<string>();
      p.members.forEach((m, j) => {
        if (seen.has(m)) at(["pools", name, "members", j], `duplicate member "${m}"`);
        seen.add(m);
      });
    }
  }

  const seenRule = new Map<string, number>();
  rs.rules.forEach((r, i) => {
    const first = seenRule.get(r.id);
    if (first !== undefined)
      at(["rules", i, "id"], `duplicate rule id "${r.id}" (first at rules[${first}])`);
    else seenRule.set(r.id, i);
    if (r.assign.pool !== undefined && !poolSet.has(r.assign.pool)) {
      at(["rules", i, "assign", "pool"], unknownRef("pool", r.assign.pool, poolNames));
    }
    for (const [j, t] of (r.match?.territory ?? []).entries())
      checkTerritory(["rules", i, "match", "territory", j], t);
    for (const [j, t] of (r.match?.tier ?? []).entries())
      checkTier(["rules", i, "match", "tier", j], t);
  });

  const idle = rs.ownership.idleReleaseDays;
  if (idle !== undefined && typeof idle === "object") {
    for (const tier of Object.keys(idle)) checkTier(["ownership", "idleReleaseDays", tier], tier);
  }
  const protection = rs.ownership.protection;
  if (protection?.maxDays !== undefined && protection.maxDays < protection.days) {
    at(
      ["ownership", "protection", "maxDays"],
      `must be at least protection.days (${protection.days})`,
    );
  }

  issues.push(...conditionIssuesOfRaw(rs as unknown as Record<string, unknown>, operatorNames));
  return issues;
}

/** Why a postal-code pattern is malformed, or undefined when it is fine. */
export function postalPatternProblem(pattern: string): string | undefined {
  const body = /^[A-Za-z]{2}:/.test(pattern) ? pattern.slice(3) : pattern;
  if (body.length === 0) return `empty postal code pattern "${pattern}"`;
  if (body.includes("..")) {
    const [lo, hi, ...rest] = body.split("..");
    if (rest.length > 0 || !lo || !hi) return `range "${pattern}" must be "LOW..HIGH"`;
    if (
      lo > hi &&
      !(/^\d+$/.test(lo) && /^\d+$/.test(hi) && lo.length === hi.length && Number(lo) <= Number(hi))
    ) {
      return `range "${pattern}" is empty: its low end is above its high end`;
    }
    return undefined;
  }
  const star = body.indexOf("*");
  if (star !== -1 && star !== body.length - 1)
    return `"${pattern}": "*" is only allowed at the end (a prefix)`;
  return undefined;
}

function includeCycles(rs: RuleSet): string[][] {
  // Iterative depth-first search: a chain of thousands of includes cannot overflow the stack.
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const includesOf = (name: string) =>
    (Object.hasOwn(rs.territories, name) ? rs.territories[name]?.include : undefined) ?? [];
  for (const root of Object.keys(rs.territories)) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 1);
    while (path.length > 0) {
      const name = path[path.length - 1]!;
      const includes = includesOf(name);
      const i = next[next.length - 1]!;
      if (i >= includes.length) {
        state.set(name, 2);
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = i + 1;
      const inc = includes[i]!;
      if (!Object.hasOwn(rs.territories, inc)) continue;
      const s = state.get(inc);
      if (s === 1) cycles.push([...path.slice(path.indexOf(inc)), inc]);
      else if (s === undefined) {
        state.set(inc, 1);
        path.push(inc);
        next.push(0);
      }
    }
  }
  return cycles;
}
