import {
  exclusionCounts,
  formatNumber,
  location,
  plain,
  pointer,
  quote,
  repEntries,
} from "./shared";
import type { Messages } from "./types";

const NONE = "（无）";

function list(items: readonly string[]): string {
  return items.length === 0 ? NONE : items.join("、");
}

function rep(id: string | undefined): string {
  return id === undefined ? NONE : plain(id);
}

function queue(id: string | undefined): string {
  return id === undefined ? NONE : quote(id);
}

function rule(id: string): string {
  return `规则 ${quote(id)}`;
}

function covers(values: readonly string[]): string {
  return values.length === 0 ? "负责范围为空" : `负责：${list(values.map(quote))}`;
}

const matchers = {
  territory: "区域",
  industry: "行业",
  tier: "客户分级",
  country: "国家",
  region: "地区",
  source: "来源",
  when: "条件",
} satisfies Messages["matchers"];

const tieBreaks = {
  owned: "持有客户最少",
  least_recently_assigned: "最久未分配",
  member_order: "成员顺序",
} satisfies Messages["tieBreaks"];

const exclusionLabels = {
  inactive: "已停用",
  out_of_territory: "不在负责区域",
  industry_not_covered: "不负责该行业",
  tier_not_covered: "不负责该客户分级",
  release_cooldown: "再领取冷却期",
  time_off: "休假",
  outside_working_hours: "非工作时间",
  daily_cap_reached: "已达每日上限",
  weekly_cap_reached: "已达每周上限",
  owned_cap_reached: "已达持有客户上限",
} satisfies Messages["exclusionLabels"];

const target: Messages["target"] = (t) =>
  t.pool !== undefined
    ? `分配组 ${quote(t.pool)}`
    : t.rep !== undefined
      ? `销售 ${plain(t.rep)}`
      : `队列 ${queue(t.queue)}`;

/** `休假 ×2、已达每日上限 ×1`, in the order the filters run. */
function excludedSummary(counts: Parameters<typeof exclusionCounts>[0]): string {
  return list(exclusionCounts(counts).map(([code, count]) => `${exclusionLabels[code]} ×${count}`));
}

function priorityNote(priority: number | undefined): string {
  return priority === undefined ? "" : `（优先级 ${formatNumber(priority)}）`;
}

/** Simplified Chinese text, in the vocabulary of DESIGN §2. */
export const zhCN = {
  list,
  none: NONE,

  header: (customerId, outcome, context) =>
    `客户 ${plain(customerId)} → ${outcome}${context.length > 0 ? `（${context.join("，")}）` : ""}`,
  outcomes: {
    assigned: (f) => `分配给 ${rep(f.repId)}`,
    kept: (f) => `由负责人 ${rep(f.repId)} 保留`,
    account_owner: (f) => `分配给同一公司的负责人 ${rep(f.repId)}`,
    queued: (f) => `进入队列 ${queue(f.queue)}`,
    conflict: (f) => `规则冲突，不予分配，进入队列 ${queue(f.queue)}`,
  },
  rule,
  ruleSet: (id, revision) =>
    `分配规则 ${plain(id)}${revision === null ? "" : `@${plain(revision)}`}`,
  decided: (at, tier) =>
    `决定时间 ${at}；${
      tier === null
        ? "无客户分级"
        : `客户分级 ${plain(tier.id)}（${tier.source === "given" ? "给定" : "计算得出"}）`
    }`,

  ownershipSteps: {
    protected_owner: (o) =>
      `负责人 ${rep(o.owner)} 的保护期至 ${o.protectedUntil ?? NONE}：客户继续由其负责`,
    kept_owner: (o) => `负责人 ${rep(o.owner)} 的保护期已过，但按设置保留现负责人`,
    owner_released_by_rules: (o) =>
      `负责人 ${rep(o.owner)} 的保护期已过且不保留现负责人：重新按规则分配`,
    owner_inactive: (o) => `原负责人 ${rep(o.owner)} 已停用：客户重新分配`,
    owner_not_in_roster: (o) => `原负责人 ${rep(o.owner)} 已不在人员名单中：客户重新分配`,
    account_owner: (o) =>
      `${rep(o.owner)} 是公司 ${rep(o.accountId)} 的负责人${
        o.accountCustomers === undefined ? "" : `（负责其 ${o.accountCustomers} 个客户）`
      }：按公司归属分配`,
  },
  queueReasons: {
    no_rule_matched: (f) => `没有规则匹配，进入兜底队列 ${queue(f.queue)}`,
    no_eligible_rep: () => "所尝试规则的分配对象中没有符合条件的销售",
    rule_targets_queue: (f) =>
      `${f.ruleId === undefined ? "该规则" : rule(f.ruleId)} 将客户分配到队列 ${queue(f.queue)}`,
    unique_conflict: () => "命中策略为 unique 时有多条规则同时匹配，不予分配",
    evaluation_error: () => "评估该客户时出错",
  },
  queued: (reason) => `进入队列原因：${reason}`,
  error: (message) => `评估错误：${message}`,

  winner: (ruleId, reason) => `选中${rule(ruleId)}：${reason}`,
  winReasons: {
    first_match: "按声明顺序第一条匹配的规则",
    highest_priority: "匹配的规则中优先级最高",
    declared_order: "与其他匹配规则优先级相同，按声明顺序在前",
    unique_match: "唯一匹配的规则（命中策略 unique）",
    next_rule: "前一条匹配规则没有符合条件的销售，因此尝试下一条",
  },

  rulesHeading: "已评估的规则：",
  matchers,
  ruleMatched: (ruleId, priority) =>
    `✓ ${quote(ruleId)}${priority === undefined ? " " : priorityNote(priority)}匹配`,
  ruleMissed: (ruleId, priority, matcher, value) => {
    const head = `✗ ${quote(ruleId)}${priorityNote(priority)}`;
    if (matcher === "when") {
      return `${head}：条件不满足${value === undefined ? "" : `（结果：${value}）`}`;
    }
    return `${head}：${matchers[matcher]}不匹配${value === undefined ? "" : `（客户的值：${value}）`}`;
  },
  rulesNotEvaluated: (count, more) =>
    `${more ? "另有 " : ""}${count} 条规则未评估（不可能匹配该客户，或已作出决定）`,

  target,
  attempt: (ruleId, t, c) =>
    `尝试${rule(ruleId)} → ${t}：${c.candidates} 名候选，${c.eligible} 名符合条件，${c.excluded} 名被排除`,
  exclusionLabels,
  excludedCounts: (counts) => `排除：${excludedSummary(counts)}`,
  excludedRep: (repId, reason) => `排除 ${plain(repId)}：${reason}`,
  eligibleReps: (repIds) => `符合条件：${list(repIds.map(plain))}`,
  reasons: {
    inactive: (d) => (d.notInRoster ? "不在人员名单中" : "已停用"),
    out_of_territory: (d) =>
      `不在其负责区域（${list(d.territories.map(quote))}）内；客户位于 ${
        location(d.customer).map(plain).join(" / ") || NONE
      }`,
    industry_not_covered: (d) =>
      d.industry === null
        ? `客户没有行业；${covers(d.industries)}`
        : `不负责行业 ${quote(d.industry)}；${covers(d.industries)}`,
    tier_not_covered: (d) =>
      d.tier === null
        ? `客户没有客户分级；${covers(d.tiers)}`
        : `不负责客户分级 ${quote(d.tier)}；${covers(d.tiers)}`,
    release_cooldown: (d) => `该客户的再领取冷却期至 ${d.until}`,
    time_off: (d) => `休假至 ${d.to}`,
    outside_working_hours: (d) =>
      `非工作时间（${plain(d.timezone)}），${
        d.nextStart === null ? "之后没有工作时间" : `${d.nextStart} 恢复`
      }`,
    daily_cap_reached: (d) => `每日分配上限 ${d.count}/${d.limit}`,
    weekly_cap_reached: (d) => `每周分配上限 ${d.count}/${d.limit}`,
    owned_cap_reached: (d) => `持有客户上限 ${d.count}/${d.limit}`,
    already_owner: () => "已是负责人",
    protected_by_owner: (d) => `负责人 ${plain(d.owner)} 的保护期至 ${d.until}`,
    owned_by_other: (d) =>
      `已由 ${plain(d.owner)} 负责，保护期后仍保留${
        d.until === null ? "" : `；若无跟进，${d.until} 回收至公海`
      }`,
    account_owned_by_other: (d) => `同一公司已由 ${plain(d.owner)} 负责（撞单）`,
    new_in_pool_cooldown: (d) => `刚退回公海，${d.until} 起可领取`,
    claim_limit_reached: (d) => `每日领取上限 ${d.count}/${d.limit}`,
    not_owner: (d) =>
      d.owner === undefined
        ? "不是负责人"
        : `不是负责人（负责人：${d.owner === null ? "无，在公海中" : plain(d.owner)}）`,
  },

  strategies: {
    "round-robin": (p) =>
      `轮询选中 ${plain(p.repId)}：指针 ${
        p.pointerBefore === null ? "（起点）" : pointer(p.pointerBefore)
      } → ${pointer(p.pointerAfter)}${
        p.skipped === undefined || p.skipped.length === 0
          ? ""
          : `；跳过 ${list(p.skipped.map(plain))}（不符合条件）`
      }`,
    weighted: (p) =>
      `加权轮询选中 ${plain(p.repId)}${
        p.levelsBefore === undefined
          ? ""
          : `：选前水位 ${list(repEntries(p.levelsBefore, formatNumber))}；选后 ${list(
              repEntries(p.levelsAfter, formatNumber),
            )}`
      }`,
    "least-loaded": (p) =>
      `最少负载选中 ${plain(p.repId)}${
        p.owned === undefined ? "，" : `：持有客户数 ${list(repEntries(p.owned, String))}；`
      }依据：${tieBreaks[p.tieBreak]}`,
    sticky: (p) =>
      `粘性哈希（键 ${quote(p.key)}）选中 ${plain(p.repId)}（得分最高）${
        p.scores === undefined ? "" : `：${list(repEntries(p.scores, String))}`
      }`,
    fixed: (p) => `指定销售 ${plain(p.repId)}`,
  },
  tieBreaks,

  conflictsHeading: "冲突：",
  conflicts: {
    rule_overlap: (c) =>
      c.resolution === "nobody_assigned"
        ? `规则重叠：规则 ${list(c.ruleIds.map(quote))} 同时匹配（命中策略 ${c.hitPolicy}），不予分配`
        : `规则重叠：规则 ${list(c.ruleIds.map(quote))}${
            c.priority === null ? "" : ` 以相同优先级 ${formatNumber(c.priority)}`
          } 同时匹配；按声明顺序由 ${c.winner === null ? NONE : quote(c.winner)} 胜出`,
    protected_owner: (c) =>
      `保护期内的负责人：${rule(c.ruleId)} 本会分配给${target(c.target)}，但负责人 ${plain(
        c.owner,
      )} 的保护期至 ${c.protectedUntil}`,
    duplicate_in_batch: (c) =>
      `撞单：公司 ${plain(c.accountId)} 在本批次中已随客户 ${plain(c.firstCustomerId)} 出现`,
    claim_collision: (c) =>
      `领取撞单：${plain(c.repId)} 预期版本 ${c.expectedVersion}，但负责人已在版本 ${
        c.changedAtVersion
      } 变更（${c.owner === null ? "现在公海中" : `现为 ${plain(c.owner)}`}）`,
    no_eligible_rep: (c) =>
      c.candidates === 0
        ? `没有符合条件的销售：${rule(c.ruleId)} → ${target(c.target)} 没有候选人`
        : `没有符合条件的销售：${rule(c.ruleId)} → ${target(c.target)}：全部 ${
            c.candidates
          } 名候选被排除（${excludedSummary(c.excluded)}）`,
  },
} satisfies Messages;
