import { describe, expect, it } from "vitest";
import { isLeadRouteError } from "../../src/errors";
import * as codes from "../../src/explain/codes";
import { formatExplanation } from "../../src/explain/format";
import {
  describeReason,
  isLocale,
  LOCALE_TABLES,
  LOCALES,
  type Messages,
  messagesFor,
  type ReasonCode,
  type ReasonDetailsByCode,
} from "../../src/explain/locales";
import type { ConflictOf, Explanation } from "../../src/explain/types";
import { MATCHER_ORDER } from "../../src/match/matchers";
import { pickWith } from "../../src/strategies";
import { type PickDetail, STRATEGY_NAMES, type StrategyName } from "../../src/strategies/types";
import { assignedRoundRobin } from "./fixtures";

/**
 * Which tables of a locale translate each code list of codes.ts. The lists themselves come from
 * the module's exports, so a new list without an entry here fails the first test.
 */
const TABLES_FOR_LIST: Readonly<Record<string, readonly (keyof Messages)[]>> = {
  OUTCOMES: ["outcomes"],
  EXCLUSION_CODES: ["reasons", "exclusionLabels"],
  CONFLICT_TYPES: ["conflicts"],
  QUEUE_REASONS: ["queueReasons"],
  WIN_REASONS: ["winReasons"],
  OWNERSHIP_STEPS: ["ownershipSteps"],
  DENIAL_REASONS: ["reasons"],
};

const CODE_LISTS: [string, readonly string[]][] = Object.entries(codes).flatMap(
  ([name, value]): [string, readonly string[]][] =>
    Array.isArray(value) ? [[name, value.map(String)]] : [],
);

/** The codes each table must translate: the union of the lists mapped to it. */
const CODES_BY_TABLE = new Map<keyof Messages, Set<string>>();
for (const [name, list] of CODE_LISTS) {
  for (const table of TABLES_FOR_LIST[name] ?? []) {
    const set = CODES_BY_TABLE.get(table) ?? new Set<string>();
    for (const code of list) set.add(code);
    CODES_BY_TABLE.set(table, set);
  }
}

function tableKeys(m: Messages, table: keyof Messages): string[] {
  const value: unknown = m[table];
  return typeof value === "object" && value !== null ? Object.keys(value).sort() : [];
}

const HAN = /\p{Script=Han}/u;

/** A rendered message must be one clean line of text. */
function expectClean(text: string): void {
  expect(text.trim()).not.toBe("");
  expect(text).not.toMatch(/undefined|NaN|\[object /);
  expect(text).not.toContain("\n");
}

const REASON_SAMPLES: { [C in ReasonCode]: ReasonDetailsByCode[C] } = {
  inactive: {},
  out_of_territory: {
    territories: ["east"],
    customer: { country: "CN", region: "CN-BJ", postalCode: "100000" },
  },
  industry_not_covered: { industries: ["software"], industry: "retail" },
  tier_not_covered: { tiers: ["A"], tier: "C" },
  release_cooldown: { until: "2026-12-05T00:00:00.000Z" },
  time_off: { from: "2026-11-26T00:00:00.000Z", to: "2026-12-03T00:00:00.000Z" },
  outside_working_hours: { timezone: "Asia/Shanghai", nextStart: "2026-11-30T01:00:00.000Z" },
  daily_cap_reached: { count: 30, limit: 30 },
  weekly_cap_reached: { count: 120, limit: 120 },
  owned_cap_reached: { count: 200, limit: 200 },
  already_owner: {},
  protected_by_owner: { owner: "wang", until: "2026-12-11T02:00:00.000Z" },
  owned_by_other: { owner: "wang", until: "2027-01-10T02:00:00.000Z" },
  account_owned_by_other: { owner: "zhao" },
  new_in_pool_cooldown: { until: "2026-11-28T02:00:00.000Z" },
  claim_limit_reached: { count: 5, limit: 5 },
  not_owner: { owner: "li" },
};

const CONFLICT_SAMPLES: { [T in codes.ConflictType]: ConflictOf<T> } = {
  rule_overlap: {
    type: "rule_overlap",
    customerId: "c-1",
    ruleIds: ["a", "b"],
    priority: null,
    hitPolicy: "unique",
    resolution: "nobody_assigned",
    winner: null,
  },
  protected_owner: {
    type: "protected_owner",
    customerId: "c-1",
    owner: "wang",
    protectedUntil: "2026-12-11T02:00:00.000Z",
    ruleId: "a",
    target: { rep: "li" },
  },
  duplicate_in_batch: {
    type: "duplicate_in_batch",
    customerId: "c-1",
    accountId: "acme",
    firstCustomerId: "c-0",
  },
  claim_collision: {
    type: "claim_collision",
    customerId: "c-1",
    repId: "li",
    owner: null,
    expectedVersion: 4,
    changedAtVersion: 5,
  },
  no_eligible_rep: {
    type: "no_eligible_rep",
    customerId: "c-1",
    ruleId: "a",
    target: { pool: "east" },
    candidates: 0,
    excluded: {},
  },
};

/**
 * The pick line of a real pick by strategy `name` in `detail` mode, with the eligible reps the
 * pick was made among. `ann` was served last and `bob` is not eligible, so round-robin passes
 * over `bob`.
 */
function pickLine(name: StrategyName, detail: PickDetail, locale: (typeof LOCALES)[number]) {
  const eligible = ["cai", "dev", "eve"];
  const pick = pickWith(name, {
    poolId: "east",
    members: ["ann", "bob", ...eligible],
    eligible,
    customerKey: "acme",
    state: { pointer: { repId: "ann", index: 0 }, levels: { ann: 0.5, bob: -0.25 } },
    load: (repId) => ({ weight: 1, owned: repId === "dev" ? 0 : 2, lastAssignedSeq: undefined }),
    detail,
  });
  const e = base({
    outcome: "assigned",
    repId: pick.repId,
    attempts: [
      {
        ruleId: "r",
        target: { pool: "east" },
        candidates: 5,
        eligible: 3,
        excludedCounts: { inactive: 2 },
        pick: { ...pick.detail, repId: pick.repId },
      },
    ],
  });
  return { repId: pick.repId, eligible, line: bodyOf(e, locale).at(-1)! };
}

/** A minimal explanation to render one message through the public formatter. */
function base(patch: Partial<Explanation>): Explanation {
  return {
    ruleSet: { id: "rs", revision: "r1" },
    customerId: "c-1",
    decidedAt: "2026-11-27T00:00:00.000Z",
    detail: "summary",
    outcome: "queued",
    queue: "unassigned",
    tier: null,
    rules: [],
    rulesNotEvaluated: 0,
    attempts: [],
    conflicts: [],
    ...patch,
  };
}

/** The lines after the header and the decision-time line: what the patch added. */
function bodyOf(e: Explanation, locale: (typeof LOCALES)[number]): string[] {
  return formatExplanation(e, { locale }).split("\n").slice(2);
}

describe("locale tables", () => {
  it("maps every code list exported by codes.ts to the tables that translate it", () => {
    expect(CODE_LISTS.length).toBeGreaterThanOrEqual(7);
    for (const [name] of CODE_LISTS) expect(Object.keys(TABLES_FOR_LIST)).toContain(name);
  });

  it("has one table per locale, and LOCALES lists exactly those", () => {
    expect(Object.keys(LOCALE_TABLES).sort()).toEqual([...LOCALES].sort());
    expect(LOCALES[0]).toBe("en");
    for (const locale of LOCALES) {
      expect(isLocale(locale)).toBe(true);
      expect(messagesFor(locale)).toBe(LOCALE_TABLES[locale]);
    }
    expect(isLocale("fr")).toBe(false);
    expect(isLocale("__proto__")).toBe(false);
  });

  it("rejects an unknown locale with a LeadRouteError", () => {
    let error: unknown;
    try {
      messagesFor(JSON.parse('"fr"'));
    } catch (caught) {
      error = caught;
    }
    expect(isLeadRouteError(error)).toBe(true);
    expect(String(error)).toContain('unknown locale "fr"');
    expect(() =>
      formatExplanation(assignedRoundRobin, JSON.parse('{"locale":"__proto__"}')),
    ).toThrow(/unknown locale/);
  });

  describe.each(LOCALES)("%s", (locale) => {
    const m = LOCALE_TABLES[locale];

    it.each(CODE_LISTS)("translates every code of %s", (name, list) => {
      for (const table of TABLES_FOR_LIST[name] ?? []) {
        const keys = tableKeys(m, table);
        for (const code of list) expect(keys, `${table}.${code}`).toContain(code);
      }
    });

    it("has no entries for codes that do not exist", () => {
      for (const [table, allowed] of CODES_BY_TABLE) {
        expect(tableKeys(m, table), table).toEqual([...allowed].sort());
      }
      expect(tableKeys(m, "strategies")).toEqual([...STRATEGY_NAMES, "fixed"].sort());
      expect(tableKeys(m, "matchers")).toEqual([...MATCHER_ORDER, "when"].sort());
    });

    it("describes every exclusion and denial reason with its facts, each differently", () => {
      const texts = new Map<string, string>();
      for (const code of new Set<ReasonCode>([...codes.EXCLUSION_CODES, ...codes.DENIAL_REASONS])) {
        const text = describeReason(code, REASON_SAMPLES[code], locale);
        expectClean(text);
        if (locale === "zh-CN") expect(text, code).toMatch(HAN);
        texts.set(code, text);
      }
      expect(new Set(texts.values()).size).toBe(texts.size);
      // The facts are in the text, not just the code's name.
      expect(texts.get("daily_cap_reached")).toContain("30/30");
      expect(texts.get("weekly_cap_reached")).toContain("120/120");
      expect(texts.get("claim_limit_reached")).toContain("5/5");
      expect(texts.get("time_off")).toContain("2026-12-03T00:00:00.000Z");
      expect(texts.get("outside_working_hours")).toContain("Asia/Shanghai");
      expect(texts.get("outside_working_hours")).toContain("2026-11-30T01:00:00.000Z");
      expect(texts.get("protected_by_owner")).toContain("wang");
      expect(texts.get("protected_by_owner")).toContain("2026-12-11T02:00:00.000Z");
      expect(texts.get("account_owned_by_other")).toContain("zhao");
      expect(texts.get("industry_not_covered")).toContain('"retail"');
      expect(texts.get("out_of_territory")).toContain("CN-BJ");
    });

    it("labels every exclusion code differently", () => {
      const labels = codes.EXCLUSION_CODES.map((code) => m.exclusionLabels[code]);
      for (const label of labels) expectClean(label);
      expect(new Set(labels).size).toBe(labels.length);
    });

    it("renders every outcome in the header", () => {
      const headers = codes.OUTCOMES.map((outcome) => {
        const header = formatExplanation(base({ outcome, repId: "wang" }), { locale }).split(
          "\n",
        )[0]!;
        expectClean(header);
        return header;
      });
      expect(new Set(headers).size).toBe(codes.OUTCOMES.length);
    });

    it("renders every ownership step with the owner", () => {
      const lines = codes.OWNERSHIP_STEPS.map((step) => {
        const e = base({
          ownership: {
            step,
            owner: "wang",
            protectedUntil: "2026-12-11T02:00:00.000Z",
            accountId: "acme",
            accountCustomers: 2,
          },
        });
        const [line, ...rest] = bodyOf(e, locale);
        expect(rest).toEqual([]);
        expectClean(line!);
        expect(line).toContain("wang");
        return line;
      });
      expect(new Set(lines).size).toBe(codes.OWNERSHIP_STEPS.length);
    });

    it("renders every queue reason", () => {
      const lines = codes.QUEUE_REASONS.map((queueReason) => {
        const [line] = bodyOf(base({ queueReason, ruleId: "to-queue" }), locale);
        expectClean(line!);
        return line;
      });
      expect(new Set(lines).size).toBe(codes.QUEUE_REASONS.length);
    });

    it("renders every win reason with the rule", () => {
      const lines = codes.WIN_REASONS.map((reason) => {
        const [line] = bodyOf(base({ winner: { ruleId: "r-9", reason } }), locale);
        expectClean(line!);
        expect(line).toContain('"r-9"');
        return line;
      });
      expect(new Set(lines).size).toBe(codes.WIN_REASONS.length);
    });

    it("renders every conflict type under the conflicts heading", () => {
      const lines = codes.CONFLICT_TYPES.map((type) => {
        const body = bodyOf(base({ conflicts: [CONFLICT_SAMPLES[type]] }), locale);
        expect(body[0]).toBe(`  ${m.conflictsHeading}`);
        expect(body).toHaveLength(2);
        expectClean(body[1]!);
        return body[1];
      });
      expect(new Set(lines).size).toBe(codes.CONFLICT_TYPES.length);
    });

    it("renders every matcher of a missed rule by its own name", () => {
      const lines = [...MATCHER_ORDER, "when" as const].map((matcher) => {
        const e = base({
          rules: [{ ruleId: "r", priority: 0, matched: false, failed: { matcher } }],
        });
        const [, line] = bodyOf(e, locale);
        expectClean(line!);
        return line;
      });
      expect(new Set(lines).size).toBe(MATCHER_ORDER.length + 1);
    });

    it.each(STRATEGY_NAMES)("renders a %s pick in summary and in full detail", (name) => {
      const summary = pickLine(name, "summary", locale);
      const full = pickLine(name, "full", locale);
      expect(summary.repId).toBe(full.repId);
      for (const { line } of [summary, full]) {
        expectClean(line);
        expect(line).toContain(summary.repId);
        if (locale === "zh-CN") expect(line).toMatch(HAN);
        if (name === "round-robin") expect(line).toContain(`ann#0 → ${summary.repId}#`);
        if (name === "sticky") expect(line).toContain('"acme"');
        if (name === "least-loaded") expect(line).toContain(m.tieBreaks.owned);
      }
      // Full lists every eligible rep (round-robin: the members it passed over); summary names
      // only the rep picked (and, for round-robin, the pointer's rep).
      const listed = name === "round-robin" ? ["bob"] : summary.eligible;
      for (const id of listed) expect(full.line).toContain(id);
      for (const id of [...summary.eligible, "bob"]) {
        if (id !== summary.repId) expect(summary.line).not.toContain(id);
      }
    });

    it("uses Chinese text in every zh-CN table entry", () => {
      if (locale !== "zh-CN") return;
      const text = formatExplanation(assignedRoundRobin, { locale });
      for (const line of text.split("\n")) expect(line).toMatch(HAN);
      for (const label of Object.values(m.exclusionLabels)) expect(label).toMatch(HAN);
      for (const label of Object.values(m.winReasons)) expect(label).toMatch(HAN);
      for (const label of Object.values(m.tieBreaks)) expect(label).toMatch(HAN);
      for (const [key, label] of Object.entries(m.matchers)) expect(label, key).toMatch(HAN);
    });
  });
});

describe("describeReason", () => {
  it("renders single reasons in English by default and in Chinese on request", () => {
    expect(describeReason("daily_cap_reached", { count: 30, limit: 30 })).toBe("daily cap 30/30");
    expect(describeReason("daily_cap_reached", { count: 30, limit: 30 }, "zh-CN")).toBe(
      "每日分配上限 30/30",
    );
    expect(
      describeReason("protected_by_owner", { owner: "wang", until: "2026-12-11T02:00:00.000Z" }),
    ).toBe("protected by owner wang until 2026-12-11T02:00:00.000Z");
    expect(
      describeReason("new_in_pool_cooldown", { until: "2026-11-28T02:00:00.000Z" }, "zh-CN"),
    ).toBe("刚退回公海，2026-11-28T02:00:00.000Z 起可领取");
    expect(describeReason("account_owned_by_other", { owner: "zhao" }, "zh-CN")).toContain("撞单");
  });

  it("distinguishes the variants of one code by their facts", () => {
    expect(describeReason("inactive", {})).toBe("inactive");
    expect(describeReason("inactive", { notInRoster: true })).toBe("not in the roster");
    expect(describeReason("owned_by_other", { owner: "wang", until: null })).not.toContain("pool");
    expect(
      describeReason("owned_by_other", { owner: "wang", until: "2027-01-10T00:00:00.000Z" }),
    ).toContain("2027-01-10T00:00:00.000Z");
    expect(describeReason("not_owner", {})).toBe("not the owner");
    expect(describeReason("not_owner", { owner: null })).toContain("public pool");
    expect(describeReason("outside_working_hours", { timezone: "UTC", nextStart: null })).toContain(
      "no working hours ahead",
    );
    expect(describeReason("industry_not_covered", { industries: [], industry: null })).toBe(
      "customer has no industry; rep covers none",
    );
  });

  it("rejects a code it does not know (untyped callers), even a prototype key", () => {
    for (const code of ["bogus", "__proto__", "constructor"]) {
      expect(() => describeReason(JSON.parse(JSON.stringify(code)), {})).toThrow(
        /unknown reason code/,
      );
    }
  });
});
