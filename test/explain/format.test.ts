import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatExplanation, LOCALES } from "../../src/explain/format";
import type { Attempt, Explanation } from "../../src/explain/types";
import {
  accountOwner,
  assignedRoundRobin,
  evaluationError,
  keptProtected,
  queuedNoEligibleFull,
  ruleOverlap,
} from "./fixtures";

const FIXTURES: Record<string, Explanation> = {
  assignedRoundRobin,
  queuedNoEligibleFull,
  keptProtected,
  accountOwner,
  ruleOverlap,
  evaluationError,
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) deepFreeze(Reflect.get(value, key));
    Object.freeze(value);
  }
  return value;
}

describe("formatExplanation: rendered text", () => {
  it("assigned through round-robin with its pointer (summary)", () => {
    expect(formatExplanation(assignedRoundRobin)).toMatchInlineSnapshot(`
      "Customer c-17 → assigned to wang (rule "key-accounts", rule set acme-cn@2026-11-27.1)
        Decided at 2026-11-27T01:30:00.000Z; tier A (given)
        Rule "key-accounts" chosen: the highest priority among the matching rules
        Rules evaluated:
          ✗ "vip" (priority 20): tier not matched
          ✓ "key-accounts" (priority 10) matched
          2 more rules not evaluated (they cannot match this customer, or the decision was already made)
        Tried rule "key-accounts" → pool "east-key": 4 candidates, 2 eligible, 2 excluded
          excluded: time off ×1, daily cap reached ×1
          Round-robin picked wang: pointer li#0 → wang#2; skipped zhao (not eligible)"
    `);
    expect(formatExplanation(assignedRoundRobin, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "客户 c-17 → 分配给 wang（规则 "key-accounts"，分配规则 acme-cn@2026-11-27.1）
        决定时间 2026-11-27T01:30:00.000Z；客户分级 A（给定）
        选中规则 "key-accounts"：匹配的规则中优先级最高
        已评估的规则：
          ✗ "vip"（优先级 20）：客户分级不匹配
          ✓ "key-accounts"（优先级 10）匹配
          另有 2 条规则未评估（不可能匹配该客户，或已作出决定）
        尝试规则 "key-accounts" → 分配组 "east-key"：4 名候选，2 名符合条件，2 名被排除
          排除：休假 ×1、已达每日上限 ×1
          轮询选中 wang：指针 li#0 → wang#2；跳过 zhao（不符合条件）"
    `);
  });

  it("queued with no eligible rep: every excluded rep with its facts (full)", () => {
    expect(formatExplanation(queuedNoEligibleFull)).toMatchInlineSnapshot(`
      "Customer c-9 → queued in "unassigned" (rule set acme-cn@2026-11-27.1)
        Decided at 2026-11-28T14:00:00.000Z; tier B (computed)
        Why queued: no rep was eligible in the target of any rule tried
        Rule "east-all" chosen: the first matching rule in declared order
        Rules evaluated:
          ✗ "north-smb": territory not matched (customer's value: {country: "CN", region: "CN-SH", postalCode: (none), territories: ["east"]})
          ✓ "east-all" matched
          ✗ "vip-only": condition not met (result: false)
        Tried rule "east-all" → pool "east": 6 candidates, 0 eligible, 6 excluded
          excluded zhou: not in the roster
          excluded sun: outside their territories ("north"); customer at CN / CN-SH
          excluded wu: in release cool-down for this customer until 2026-12-05T00:00:00.000Z
          excluded zhao: time off until 2026-12-03T00:00:00.000Z
          excluded qian: outside working hours (Asia/Shanghai), back at 2026-11-30T01:00:00.000Z
          excluded li: daily cap 30/30
        Conflicts:
          No eligible rep: rule "east-all" → pool "east": all 6 candidates excluded (inactive ×1, out of territory ×1, release cool-down ×1, time off ×1, outside working hours ×1, daily cap reached ×1)"
    `);
    expect(formatExplanation(queuedNoEligibleFull, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "客户 c-9 → 进入队列 "unassigned"（分配规则 acme-cn@2026-11-27.1）
        决定时间 2026-11-28T14:00:00.000Z；客户分级 B（计算得出）
        进入队列原因：所尝试规则的分配对象中没有符合条件的销售
        选中规则 "east-all"：按声明顺序第一条匹配的规则
        已评估的规则：
          ✗ "north-smb"：区域不匹配（客户的值：{country: "CN", region: "CN-SH", postalCode: （无）, territories: ["east"]}）
          ✓ "east-all" 匹配
          ✗ "vip-only"：条件不满足（结果：false）
        尝试规则 "east-all" → 分配组 "east"：6 名候选，0 名符合条件，6 名被排除
          排除 zhou：不在人员名单中
          排除 sun：不在其负责区域（"north"）内；客户位于 CN / CN-SH
          排除 wu：该客户的再领取冷却期至 2026-12-05T00:00:00.000Z
          排除 zhao：休假至 2026-12-03T00:00:00.000Z
          排除 qian：非工作时间（Asia/Shanghai），2026-11-30T01:00:00.000Z 恢复
          排除 li：每日分配上限 30/30
        冲突：
          没有符合条件的销售：规则 "east-all" → 分配组 "east"：全部 6 名候选被排除（已停用 ×1、不在负责区域 ×1、再领取冷却期 ×1、休假 ×1、非工作时间 ×1、已达每日上限 ×1）"
    `);
  });

  it("kept by the protected owner, with the protected_owner conflict", () => {
    expect(formatExplanation(keptProtected)).toMatchInlineSnapshot(`
      "Customer c-3 → kept by wang (rule set acme-cn@2026-11-27.1)
        Decided at 2026-11-27T02:00:00.000Z; no tier
        Owner wang is protected until 2026-12-11T02:00:00.000Z: the customer stays with them
        Rules evaluated:
          ✓ "smb-west" matched
          3 more rules not evaluated (they cannot match this customer, or the decision was already made)
        Conflicts:
          Protected owner: rule "smb-west" would send the customer to pool "west-smb", but wang is protected until 2026-12-11T02:00:00.000Z"
    `);
    expect(formatExplanation(keptProtected, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "客户 c-3 → 由负责人 wang 保留（分配规则 acme-cn@2026-11-27.1）
        决定时间 2026-11-27T02:00:00.000Z；无客户分级
        负责人 wang 的保护期至 2026-12-11T02:00:00.000Z：客户继续由其负责
        已评估的规则：
          ✓ "smb-west" 匹配
          另有 3 条规则未评估（不可能匹配该客户，或已作出决定）
        冲突：
          保护期内的负责人：规则 "smb-west" 本会分配给分配组 "west-smb"，但负责人 wang 的保护期至 2026-12-11T02:00:00.000Z"
    `);
  });

  it("given to the account owner, with the duplicate in the batch", () => {
    expect(formatExplanation(accountOwner)).toMatchInlineSnapshot(`
      "Customer c-21 → assigned to account owner zhao (rule set acme-cn)
        Decided at 2026-11-27T03:00:00.000Z; tier A (computed)
        zhao owns account acme-holdings (3 of its customers): the account relationship decides
        4 rules not evaluated (they cannot match this customer, or the decision was already made)
        Conflicts:
          Duplicate in batch (collision): account acme-holdings already came with customer c-20 in this batch"
    `);
    expect(formatExplanation(accountOwner, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "客户 c-21 → 分配给同一公司的负责人 zhao（分配规则 acme-cn）
        决定时间 2026-11-27T03:00:00.000Z；客户分级 A（计算得出）
        zhao 是公司 acme-holdings 的负责人（负责其 3 个客户）：按公司归属分配
        4 条规则未评估（不可能匹配该客户，或已作出决定）
        冲突：
          撞单：公司 acme-holdings 在本批次中已随客户 c-20 出现"
    `);
  });

  it("rule overlap resolved by declared order, picked by weighted rotation", () => {
    expect(formatExplanation(ruleOverlap)).toMatchInlineSnapshot(`
      "Customer c-30 → assigned to li (rule "retail-east", rule set acme-cn@2026-11-27.1)
        Decided at 2026-11-27T04:00:00.000Z; no tier
        Rule "retail-east" chosen: tied on priority with another matching rule and declared first
        Rules evaluated:
          ✓ "retail-east" (priority 5) matched
          ✓ "shanghai" (priority 5) matched
          1 more rule not evaluated (they cannot match this customer, or the decision was already made)
        Tried rule "retail-east" → pool "retail": 3 candidates, 3 eligible, 0 excluded
          Weighted rotation picked li: levels before li 0.6, qian -0.8, wang 0.2; after li -0.2, qian -0.2, wang 0.4
        Conflicts:
          Rule overlap: rules "retail-east", "shanghai" matched with equal priority 5; resolved by declared order, "retail-east" wins"
    `);
    expect(formatExplanation(ruleOverlap, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "客户 c-30 → 分配给 li（规则 "retail-east"，分配规则 acme-cn@2026-11-27.1）
        决定时间 2026-11-27T04:00:00.000Z；无客户分级
        选中规则 "retail-east"：与其他匹配规则优先级相同，按声明顺序在前
        已评估的规则：
          ✓ "retail-east"（优先级 5）匹配
          ✓ "shanghai"（优先级 5）匹配
          另有 1 条规则未评估（不可能匹配该客户，或已作出决定）
        尝试规则 "retail-east" → 分配组 "retail"：3 名候选，3 名符合条件，0 名被排除
          加权轮询选中 li：选前水位 li 0.6、qian -0.8、wang 0.2；选后 li -0.2、qian -0.2、wang 0.4
        冲突：
          规则重叠：规则 "retail-east"、"shanghai" 以相同优先级 5 同时匹配；按声明顺序由 "retail-east" 胜出"
    `);
  });

  it("evaluation error: queued with the error on one line", () => {
    expect(formatExplanation(evaluationError)).toMatchInlineSnapshot(`
      "Customer c-44 → queued in "unassigned" (rule set acme-cn@2026-11-27.1)
        Decided at 2026-11-27T05:00:00.000Z; no tier
        Why queued: an error occurred while evaluating this customer
        Evaluation error: custom operator "crm_score" threw: timeout after 200ms"
    `);
    expect(formatExplanation(evaluationError, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "客户 c-44 → 进入队列 "unassigned"（分配规则 acme-cn@2026-11-27.1）
        决定时间 2026-11-27T05:00:00.000Z；无客户分级
        进入队列原因：评估该客户时出错
        评估错误：custom operator "crm_score" threw: timeout after 200ms"
    `);
  });

  it("unique hit policy: two matches are a conflict and nobody is assigned", () => {
    const e: Explanation = {
      ruleSet: { id: "acme-cn", revision: "7" },
      customerId: "c-50",
      decidedAt: "2026-11-27T06:00:00.000Z",
      detail: "summary",
      outcome: "conflict",
      queue: "unassigned",
      queueReason: "unique_conflict",
      tier: null,
      rules: [
        { ruleId: "east", priority: 0, matched: true },
        { ruleId: "retail", priority: 0, matched: true },
      ],
      rulesNotEvaluated: 0,
      attempts: [],
      conflicts: [
        {
          type: "rule_overlap",
          customerId: "c-50",
          ruleIds: ["east", "retail"],
          priority: null,
          hitPolicy: "unique",
          resolution: "nobody_assigned",
          winner: null,
        },
      ],
    };
    expect(formatExplanation(e)).toMatchInlineSnapshot(`
      "Customer c-50 → conflict, nobody assigned, queued in "unassigned" (rule set acme-cn@7)
        Decided at 2026-11-27T06:00:00.000Z; no tier
        Why queued: several rules matched under hit policy unique, so nobody was assigned
        Rules evaluated:
          ✓ "east" matched
          ✓ "retail" matched
        Conflicts:
          Rule overlap: rules "east", "retail" all matched (hit policy unique); nobody assigned"
    `);
  });

  it("renders the least-loaded, sticky and fixed picks with their data", () => {
    const attempt = (pick: NonNullable<Attempt["pick"]>): Explanation => ({
      ...assignedRoundRobin,
      attempts: [
        {
          ruleId: "key-accounts",
          target: pick.strategy === "fixed" ? { rep: "wang" } : { pool: "east-key" },
          candidates: 2,
          eligible: 2,
          excludedCounts: {},
          eligibleReps: ["wang", "li"],
          pick,
        },
      ],
    });
    const pickLines = (e: Explanation) => formatExplanation(e).split("\n").slice(-2).join("\n");
    expect(
      pickLines(
        attempt({
          strategy: "least-loaded",
          repId: "li",
          owned: { wang: 4, li: 4 },
          tieBreak: "least_recently_assigned",
        }),
      ),
    ).toMatchInlineSnapshot(`
      "    eligible: wang, li
          Least-loaded picked li: open customers li 4, wang 4; decided by least recently assigned"
    `);
    expect(
      pickLines(
        attempt({
          strategy: "sticky",
          repId: "wang",
          key: "acme-holdings",
          scores: { wang: "1f00000000000a", li: "0e000000000001" },
        }),
      ),
    ).toMatchInlineSnapshot(`
      "    eligible: wang, li
          Sticky hashing of "acme-holdings" picked wang (highest score): li 0e000000000001, wang 1f00000000000a"
    `);
    expect(pickLines(attempt({ strategy: "fixed", repId: "wang" }))).toMatchInlineSnapshot(`
      "    eligible: wang, li
          Fixed rep wang"
    `);
  });
});

describe("formatExplanation: summary picks (no per-rep records)", () => {
  /** An explanation whose only attempt ends in `pick`, as `assign` records it in summary. */
  const summaryPick = (pick: NonNullable<Attempt["pick"]>): Explanation => ({
    ...assignedRoundRobin,
    detail: "summary",
    attempts: [
      {
        ruleId: "key-accounts",
        target: { pool: "east-key" },
        candidates: 3,
        eligible: 2,
        excludedCounts: { time_off: 1 },
        pick,
      },
    ],
  });
  const PICKS = {
    roundRobin: summaryPick({
      strategy: "round-robin",
      repId: "wang",
      pointerBefore: { repId: "li", index: 0 },
      pointerAfter: { repId: "wang", index: 2 },
    }),
    roundRobinStart: summaryPick({
      strategy: "round-robin",
      repId: "li",
      pointerBefore: null,
      pointerAfter: { repId: "li", index: 0 },
    }),
    weighted: summaryPick({ strategy: "weighted", repId: "li" }),
    leastLoaded: summaryPick({ strategy: "least-loaded", repId: "li", tieBreak: "owned" }),
    sticky: summaryPick({ strategy: "sticky", repId: "wang", key: "acme-holdings" }),
  };
  const pickLine = (e: Explanation, locale: (typeof LOCALES)[number]) =>
    formatExplanation(e, { locale }).split("\n").at(-1);

  it("says what is known in English: strategy, rep, pointer, tie-break, key", () => {
    expect(Object.values(PICKS).map((e) => pickLine(e, "en"))).toMatchInlineSnapshot(`
      [
        "    Round-robin picked wang: pointer li#0 → wang#2",
        "    Round-robin picked li: pointer (start) → li#0",
        "    Weighted rotation picked li",
        "    Least-loaded picked li: decided by fewest open customers",
        "    Sticky hashing of "acme-holdings" picked wang (highest score)",
      ]
    `);
  });

  it("says what is known in Chinese", () => {
    expect(Object.values(PICKS).map((e) => pickLine(e, "zh-CN"))).toMatchInlineSnapshot(`
      [
        "    轮询选中 wang：指针 li#0 → wang#2",
        "    轮询选中 li：指针 （起点） → li#0",
        "    加权轮询选中 li",
        "    最少负载选中 li，依据：持有客户最少",
        "    粘性哈希（键 "acme-holdings"）选中 wang（得分最高）",
      ]
    `);
  });

  it("renders a summary pick as the full one without its per-rep list", () => {
    const full = summaryPick({
      strategy: "least-loaded",
      repId: "li",
      owned: { wang: 4, li: 3 },
      tieBreak: "owned",
    });
    for (const locale of LOCALES) {
      const withList = pickLine(full, locale)!;
      const without = pickLine(PICKS.leastLoaded, locale)!;
      expect(withList).toContain("wang 4");
      expect(without).not.toMatch(/wang|\d/);
      expect(without.length).toBeLessThan(withList.length);
    }
  });
});

describe("formatExplanation: contract", () => {
  it.each(Object.entries(FIXTURES))(
    "%s names the rule set id and revision, the rule and the rep in every locale",
    (_, e) => {
      for (const locale of LOCALES) {
        const text = formatExplanation(e, { locale });
        const [header] = text.split("\n");
        expect(header).toContain(e.customerId);
        expect(header).toContain(e.ruleSet.id);
        if (e.ruleSet.revision !== null) expect(header).toContain(`@${e.ruleSet.revision}`);
        else expect(header).not.toContain("@");
        if (e.ruleId !== undefined) expect(header).toContain(`"${e.ruleId}"`);
        if (e.winner !== undefined) expect(text).toContain(`"${e.winner.ruleId}"`);
        if (e.repId !== undefined) expect(header).toContain(e.repId);
        if (e.queue !== undefined) expect(header).toContain(`"${e.queue}"`);
        for (const r of e.rules) expect(text).toContain(`"${r.ruleId}"`);
        for (const a of e.attempts) {
          for (const x of a.excluded ?? []) expect(text).toContain(x.repId);
          if (a.pick) expect(text).toContain(a.pick.repId);
        }
        if (e.error) expect(text).toContain("crm_score");
      }
    },
  );

  it("shows counts in summaries and each rep's facts in full explanations", () => {
    const summary = formatExplanation(assignedRoundRobin);
    expect(summary).toContain("time off ×1");
    expect(summary).toContain("daily cap reached ×1");
    expect(summary).not.toContain("customer's value");

    const full = formatExplanation(queuedNoEligibleFull);
    expect(full).toContain("excluded li: daily cap 30/30");
    expect(full).toContain("excluded zhao: time off until 2026-12-03T00:00:00.000Z");
    expect(full).toContain(
      "excluded qian: outside working hours (Asia/Shanghai), back at 2026-11-30T01:00:00.000Z",
    );
    expect(full).toContain("customer's value");
  });

  it("defaults to English", () => {
    for (const e of Object.values(FIXTURES)) {
      expect(formatExplanation(e)).toBe(formatExplanation(e, { locale: "en" }));
      expect(formatExplanation(e, {})).toBe(formatExplanation(e, { locale: "en" }));
      expect(formatExplanation(e, { locale: "zh-CN" })).not.toBe(formatExplanation(e));
    }
  });

  it("is pure: frozen inputs, unchanged, the same text every time", () => {
    for (const e of Object.values(FIXTURES)) {
      const before = JSON.stringify(e);
      const frozen = deepFreeze(structuredClone(e));
      for (const locale of LOCALES) {
        expect(formatExplanation(frozen, { locale })).toBe(formatExplanation(e, { locale }));
      }
      expect(JSON.stringify(e)).toBe(before);
    }
  });

  it("keeps one line per fact whatever the ids and values contain (property)", () => {
    const text = fc.string({ minLength: 1, maxLength: 12, unit: "binary" });
    fc.assert(
      fc.property(
        fc.record({ customer: text, rule: text, rep: text, ruleSet: text, value: fc.jsonValue() }),
        fc.constantFrom(...LOCALES),
        ({ customer, rule, rep, ruleSet, value }, locale) => {
          const e: Explanation = {
            ...queuedNoEligibleFull,
            ruleSet: { id: ruleSet, revision: rule },
            customerId: customer,
            rules: [
              { ruleId: rule, priority: 0, matched: false, failed: { matcher: "when", value } },
            ],
            attempts: [
              {
                ...queuedNoEligibleFull.attempts[0]!,
                ruleId: rule,
                excluded: [
                  { repId: rep, code: "daily_cap_reached", details: { count: 1, limit: 1 } },
                ],
              },
            ],
            conflicts: [],
            error: { message: `${rep}\n${rule}` },
          };
          const lines = formatExplanation(e, { locale }).split("\n");
          // header, decided, queued, error, winner, rules heading, 1 rule, attempt, 1 rep
          expect(lines).toHaveLength(9);
          expect(lines[7]).toContain(JSON.stringify(rule));
          expect(lines.every((l, i) => i === 0 || l.startsWith("  "))).toBe(true);
        },
      ),
    );
  });
});
