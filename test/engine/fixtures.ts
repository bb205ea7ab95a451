/** The rule set of DESIGN §3 and a roster for it, shared by the engine tests. */
import type { RepInput, RuleSetInput } from "../../src/index";

/** The example rule set of DESIGN §3, verbatim. */
export function designRuleSet(): RuleSetInput {
  return {
    id: "acme-cn",
    revision: "2026-11-27.1",
    timezone: "Asia/Shanghai",
    hitPolicy: "priority",
    tiers: [
      { id: "A", when: { ">=": [{ var: "customer.annualRevenue" }, 100000000] } },
      { id: "B", when: { ">=": [{ var: "customer.annualRevenue" }, 10000000] } },
      { id: "C", when: true },
    ],
    territories: {
      east: { regions: ["CN-SH", "CN-JS", "CN-ZJ"] },
      south: { regions: ["CN-GD"], postalCodes: ["51*", "518000..518999"] },
      overseas: { countries: ["US", "DE", "SG"] },
    },
    pools: {
      "key-accounts": { members: ["wang", "li"], strategy: "weighted" },
      "east-smb": {
        members: { teams: ["smb"], territories: ["east"] },
        strategy: "round-robin",
      },
      inside: { members: ["zhao", "qian", "sun"], strategy: "least-loaded" },
    },
    rules: [
      {
        id: "key-accounts",
        priority: 100,
        match: { tier: ["A"] },
        assign: { pool: "key-accounts" },
      },
      {
        id: "east-software",
        priority: 50,
        match: { territory: ["east"], industry: ["software", "5112*"] },
        assign: { pool: "east-smb" },
        onNoEligibleRep: "next-rule",
      },
      {
        id: "web",
        priority: 10,
        when: { "==": [{ var: "customer.source" }, "web"] },
        assign: { pool: "inside" },
      },
    ],
    fallback: { queue: "unrouted" },
    ownership: {
      keepCurrentOwner: true,
      preferAccountOwner: true,
      protection: { days: 15, extendOnActivityDays: 7, maxDays: 90 },
      idleReleaseDays: 15,
      releaseCooldownDays: 14,
      claims: { dailyLimit: 5, newInPoolCooldownHours: 24 },
      accountExclusive: true,
      reminderDays: 3,
      exempt: { "==": [{ var: "customer.stage" }, "won"] },
    },
    capacity: { perDay: 30, perWeek: 120, owned: 300 },
    availability: { respectWorkingHours: true, respectTimeOff: true },
  };
}

const WEEKDAYS = [1, 2, 3, 4, 5];

/** A roster for {@link designRuleSet}: weights, teams, coverage, hours, time off and caps. */
export function designReps(): RepInput[] {
  return [
    { id: "wang", weight: 3, capacity: { perDay: 40 } },
    { id: "li", weight: 1 },
    { id: "chen", teams: ["smb"], territories: ["east"] },
    {
      id: "zhou",
      teams: ["smb"],
      territories: ["east"],
      workingHours: [{ days: WEEKDAYS, from: "09:00", to: "18:00" }],
    },
    { id: "wu", teams: ["smb"], territories: ["east"], industries: ["5112*"] },
    { id: "zhao", timeOff: [{ from: "2026-03-04", to: "2026-03-06" }] },
    { id: "qian", capacity: { perDay: 5, perWeek: 12 } },
    {
      id: "sun",
      timezone: "Europe/Berlin",
      workingHours: [{ days: WEEKDAYS, from: "08:00", to: "20:00" }],
    },
    { id: "zheng", active: false, teams: ["smb"], territories: ["east"] },
  ];
}

const REGIONS = ["CN-SH", "CN-JS", "CN-ZJ", "CN-GD", "CN-BJ", undefined] as const;
const INDUSTRIES = ["software", "511210", "retail", "5111", undefined] as const;
const SOURCES = ["web", "ads", "fair", undefined] as const;

/**
 * `n` customers received over a week from `start` (epoch ms), in time order, with a
 * deterministic spread of regions, industries, sources, revenues and accounts.
 */
export function designCustomers(
  n: number,
  start: number,
  spanMs: number,
): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const c: Record<string, unknown> = {
      id: `c${String(i).padStart(5, "0")}`,
      receivedAt: new Date(start + Math.floor((i * spanMs) / n)).toISOString(),
    };
    const region = REGIONS[(i * 7) % REGIONS.length];
    if (region !== undefined) c.region = region;
    else if (i % 2 === 0) c.country = ["US", "DE", "JP"][i % 3];
    if (region === "CN-GD" && i % 3 === 0) c.postalCode = `518${String(i % 1000).padStart(3, "0")}`;
    const industry = INDUSTRIES[(i * 3) % INDUSTRIES.length];
    if (industry !== undefined) c.industry = industry;
    const source = SOURCES[(i * 5) % SOURCES.length];
    if (source !== undefined) c.source = source;
    c.annualRevenue = [5_000, 20_000_000, 200_000_000][(i * 11) % 3];
    if (i % 6 === 0) c.accountId = `acct-${(i / 6) % 40}`;
    return c;
  });
}
