/**
 * The benchmark workload, generated from a seed: one abstract rule list rendered four ways
 * (a leadroute rule set, JSON Logic for json-logic-js / json-logic-engine, json-rules-engine
 * rules, a zen-engine decision table), so every engine answers the same question about the
 * same customers: which rule, in priority order, is the first to match?
 */

/** A small deterministic generator (LCG), so every run sees the same data. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COUNTRIES = ["CN", "US", "DE", "SG", "JP", "GB", "FR", "AU", "BR", "IN"];
/** 60 regions (ISO 3166-2 shaped), 6 per country. */
export const REGIONS = COUNTRIES.flatMap((c) => [1, 2, 3, 4, 5, 6].map((n) => `${c}-R${n}`));
/** 10 territories of 6 regions each (a partition of the regions, cutting across countries). */
export const TERRITORIES = Object.fromEntries(
  Array.from({ length: 10 }, (_, t) => [
    `t${t}`,
    { regions: REGIONS.filter((_, i) => i % 10 === t) },
  ]),
);
/** Industry codes: 4-digit families, customers carry 6 digits. */
const FAMILIES = ["5112", "5415", "3341", "5221", "6211", "4541", "5182", "5191"];
/** The 6-digit codes customers carry: 4 per family. */
const CODES = FAMILIES.map((f) => [0, 10, 20, 30].map((n) => `${f}${String(n).padStart(2, "0")}`));
const SOURCES = ["web", "referral", "event", "ads", "partner"];
const TIERS = ["A", "B", "C"];

const STRATEGIES = ["round-robin", "weighted", "least-loaded", "sticky"];
export const START_MS = Date.UTC(2026, 0, 5); // a Monday

/**
 * The abstract rules: `count - 10` specific rules (territory + industry, some with tier or
 * source, each with a JSON Logic `when`), then 10 catch-alls (one per territory, `when` always
 * true for a real customer), so every customer is assigned by some rule.
 */
export function abstractRules(count, pools = 25) {
  const next = rng(7 + count);
  const rules = [];
  const specific = Math.max(0, count - 10);
  for (let i = 0; i < specific; i++) {
    const territory = `t${i % 10}`;
    const family = FAMILIES[Math.floor(next() * FAMILIES.length)];
    const roll = next();
    // Industry: a 4-digit family prefix, a 2-digit sector prefix, or one exact code.
    const industry =
      roll < 0.6
        ? [{ prefix: family }]
        : roll < 0.8
          ? [{ prefix: family.slice(0, 2) }]
          : [
              { exact: `${family}${String(Math.floor(next() * 4) * 10).padStart(2, "0")}` },
              { prefix: FAMILIES[(i + 3) % FAMILIES.length] },
            ];
    const r = {
      id: `rule-${String(i).padStart(5, "0")}`,
      territory,
      industry,
      tier: i % 7 === 3 ? ["A", "B"] : undefined,
      source: i % 5 === 1 ? ["web", "referral"] : undefined,
      // `when`: a revenue threshold, sometimes with a headcount cap.
      minRevenue: [0, 1e6, 5e6, 2e7, 5e7][Math.floor(next() * 5)],
      maxEmployees: next() < 0.3 ? [50, 500, 5000][Math.floor(next() * 3)] : undefined,
      pool: `pool-${String(i % pools).padStart(2, "0")}`,
    };
    rules.push(r);
  }
  for (let t = 0; t < Math.min(10, count); t++) {
    rules.push({
      id: `catch-all-t${t}`,
      territory: `t${t}`,
      industry: undefined,
      tier: undefined,
      source: undefined,
      minRevenue: 0,
      maxEmployees: undefined,
      pool: `pool-${String(t % pools).padStart(2, "0")}`,
    });
  }
  return rules;
}

/** The `when` of an abstract rule as JSON Logic over `{ customer }`. */
function whenLogic(r) {
  const revenue = { ">=": [{ var: "customer.revenue" }, r.minRevenue] };
  if (r.maxEmployees === undefined) return revenue;
  return { and: [revenue, { "<": [{ var: "customer.employees" }, r.maxEmployees] }] };
}

/** The leadroute rule set: typed matchers plus the `when`, priorities in list order. */
export function leadrouteRuleSet(rules, pools = 25) {
  return {
    id: "bench",
    revision: "1",
    timezone: "Asia/Shanghai",
    hitPolicy: "priority",
    territories: TERRITORIES,
    pools: Object.fromEntries(
      Array.from({ length: pools }, (_, p) => [
        `pool-${String(p).padStart(2, "0")}`,
        {
          members: Array.from({ length: 20 }, (_, j) => repId(p, j)),
          strategy: STRATEGIES[p % STRATEGIES.length],
        },
      ]),
    ),
    rules: rules.map((r, i) => {
      const match = { territory: [r.territory] };
      if (r.industry)
        match.industry = r.industry.map((k) => ("prefix" in k ? `${k.prefix}*` : k.exact));
      if (r.tier) match.tier = r.tier;
      if (r.source) match.source = r.source;
      return {
        id: r.id,
        priority: rules.length - i,
        match,
        when: whenLogic(r),
        assign: { pool: r.pool },
      };
    }),
    capacity: { perDay: 100_000, perWeek: 500_000 },
  };
}

const repId = (p, j) => `rep-${String(p).padStart(2, "0")}-${String(j).padStart(2, "0")}`;

/** 20 reps per pool; every other one has (always open) working hours, so that check runs. */
export function reps(pools = 25) {
  const out = [];
  for (let p = 0; p < pools; p++) {
    for (let j = 0; j < 20; j++) {
      const rep = { id: repId(p, j), weight: 1 + (j % 3), teams: [`team-${p}`] };
      if (j % 2 === 1) {
        rep.workingHours = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "00:00", to: "24:00" }];
      }
      out.push(rep);
    }
  }
  return out;
}

/** The whole rule (typed matchers and `when`) as one JSON Logic condition over `{ customer }`. */
export function ruleLogic(r) {
  const all = [{ in: [{ var: "customer.region" }, TERRITORIES[r.territory].regions] }];
  if (r.industry) {
    const tests = r.industry.map((k) =>
      "prefix" in k
        ? { "==": [{ substr: [{ var: "customer.industry" }, 0, k.prefix.length] }, k.prefix] }
        : { "==": [{ var: "customer.industry" }, k.exact] },
    );
    all.push(tests.length === 1 ? tests[0] : { or: tests });
  }
  if (r.tier) all.push({ in: [{ var: "customer.tier" }, r.tier] });
  if (r.source) all.push({ in: [{ var: "customer.source" }, r.source] });
  all.push(whenLogic(r));
  return { and: all };
}

/** The rule as json-rules-engine conditions (facts are the customer's fields). */
export function rulesEngineRule(r, index) {
  const all = [{ fact: "region", operator: "in", value: TERRITORIES[r.territory].regions }];
  if (r.industry) {
    const any = r.industry.map((k) =>
      "prefix" in k
        ? { fact: "industry", operator: "startsWith", value: k.prefix }
        : { fact: "industry", operator: "equal", value: k.exact },
    );
    all.push(any.length === 1 ? any[0] : { any });
  }
  if (r.tier) all.push({ fact: "tier", operator: "in", value: r.tier });
  if (r.source) all.push({ fact: "source", operator: "in", value: r.source });
  all.push({ fact: "revenue", operator: "greaterThanInclusive", value: r.minRevenue });
  if (r.maxEmployees !== undefined) {
    all.push({ fact: "employees", operator: "lessThan", value: r.maxEmployees });
  }
  return { conditions: { all }, event: { type: "match", params: { ruleId: r.id, index } } };
}

/** The rules as a zen-engine decision table (hit policy `first`, rows in priority order). */
export function zenDecision(rules) {
  const q = (s) => JSON.stringify(s);
  const table = {
    hitPolicy: "first",
    inputs: [
      { id: "region", name: "Region", field: "region" },
      { id: "industry", name: "Industry", field: "industry" },
      { id: "tier", name: "Tier", field: "tier" },
      { id: "source", name: "Source", field: "source" },
      { id: "revenue", name: "Revenue", field: "revenue" },
      { id: "employees", name: "Employees", field: "employees" },
    ],
    outputs: [{ id: "ruleId", name: "Rule", field: "ruleId" }],
    rules: rules.map((r) => ({
      _id: r.id,
      region: TERRITORIES[r.territory].regions.map(q).join(", "),
      industry: r.industry
        ? r.industry
            .map((k) => ("prefix" in k ? `startsWith($, ${q(k.prefix)})` : `$ == ${q(k.exact)}`))
            .join(" or ")
        : "",
      tier: r.tier ? r.tier.map(q).join(", ") : "",
      source: r.source ? r.source.map(q).join(", ") : "",
      revenue: `>= ${r.minRevenue}`,
      employees: r.maxEmployees === undefined ? "" : `< ${r.maxEmployees}`,
      ruleId: q(r.id),
    })),
  };
  return {
    nodes: [
      { id: "in", type: "inputNode", name: "Request", position: { x: 0, y: 0 } },
      {
        id: "table",
        type: "decisionTableNode",
        name: "Routing",
        position: { x: 200, y: 0 },
        content: table,
      },
      { id: "out", type: "outputNode", name: "Response", position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: "e1", sourceId: "in", targetId: "table", type: "edge" },
      { id: "e2", sourceId: "table", targetId: "out", type: "edge" },
    ],
  };
}

/**
 * Customers `from .. from + count - 1`: a region, a 6-digit industry, a tier, a source, revenue
 * (log-uniform 10^5..10^8) and headcount; received one minute apart from {@link START_MS}.
 */
export function customers(from, count, seed = 42) {
  const next = rng(seed + from * 31);
  const out = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = from + k;
    const codes = CODES[Math.floor(next() * CODES.length)];
    out[k] = {
      id: `c${i}`,
      region: REGIONS[Math.floor(next() * REGIONS.length)],
      industry: codes[Math.floor(next() * codes.length)],
      tier: TIERS[Math.floor(next() * TIERS.length)],
      source: SOURCES[Math.floor(next() * SOURCES.length)],
      revenue: Math.round(10 ** (5 + 3 * next())),
      employees: Math.round(10 ** (1 + 3 * next())),
      receivedAt: START_MS + i * 60_000,
    };
  }
  return out;
}
