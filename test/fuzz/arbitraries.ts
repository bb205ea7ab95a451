/**
 * Compact generators of VALID inputs (rule set, reps, customers, `now`) for the fuzzer to
 * mutate. Names come from small pools so that references (pools, territories, tiers, reps)
 * usually resolve and cases reach deep into the pipeline; a repair step keeps them valid.
 */
import fc from "fast-check";

export const REP_IDS = ["ana", "bo", "cy", "di", "ed"] as const;
export const TERRITORIES = ["east", "south", "west", "world"] as const;
export const POOLS = ["p1", "p2", "p3"] as const;
export const TIERS = ["A", "B", "C"] as const;
export const TEAMS = ["smb", "ent"] as const;
export const INDUSTRIES = ["software", "5112*", "retail", "51"] as const;
export const SOURCES = ["web", "event", "referral"] as const;
export const TIME_ZONES = [
  "UTC",
  "Asia/Shanghai",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
] as const;
/** Instants the calls happen at (a DST change in New York and Berlin among them). */
export const NOWS = [
  "2026-11-27T09:30:00+08:00",
  "2026-03-08T07:30:00Z",
  "2026-10-25T01:30:00Z",
  "2026-12-31T23:59:59.999Z",
  "2026-01-05T00:00:00-05:00",
] as const;

/** Custom operators every fuzzed router declares: pure, total. */
export const OPERATORS = {
  flag: (...args: unknown[]): unknown => args.some((a) => a === true || a === "yes"),
};

const sub = <T>(items: readonly T[], min = 0) =>
  fc.subarray([...items], { minLength: min }).map((xs) => xs);

/** A condition over `{ customer, now, nowMs }`, valid for the validator. */
export const customerCondition: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.integer({ min: 0, max: 1000 }).map((n) => ({ ">=": [{ var: "customer.revenue" }, n] })),
  fc.constantFrom(...SOURCES).map((s) => ({ "==": [{ var: "customer.source" }, s] })),
  sub(INDUSTRIES).map((l) => ({ in: [{ var: "customer.industry" }, l] })),
  fc.constant({ "<": [{ var: "nowMs" }, 1.8e12] }),
  fc.constant({ and: [{ "!!": { var: "customer.vip" } }, { "!": { missing: ["customer.x"] } }] }),
  fc.constant({ some: [{ var: "customer.tags" }, { "==": [{ var: "" }, "hot"] }] }),
  fc.constant({ in: ["vip", { cat: [{ var: "customer.x" }, { var: "customer.source" }] }] }),
  fc.constant({ flag: [{ var: "customer.vip" }] }),
  fc.constant({
    ">": [{ reduce: [{ var: "customer.tags" }, { "+": [1, { var: "accumulator" }] }, 0] }, 1],
  }),
);

/** A pool selector condition over `{ rep }`. */
const repCondition: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ in: ["smb", { var: "rep.teams" }] }),
  fc.constant({ "==": [{ var: "rep.attributes.level" }, 2] }),
  fc.constant({ "!": { var: "rep.attributes.trainee" } }),
  fc.constant(true),
);

const territory = fc.record(
  {
    countries: sub(["CN", "US", "DE", "SG"], 1),
    regions: sub(["CN-SH", "CN-JS", "CN-GD", "US-CA"], 1),
    postalCodes: sub(["51*", "518000..518999", "CN:20*", "9*", "A1..A9"], 1),
    description: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const matchers = fc.record(
  {
    territory: sub(TERRITORIES, 1),
    industry: sub(INDUSTRIES, 1),
    tier: sub(TIERS, 1),
    country: sub(["CN", "us", "DE"], 1),
    region: sub(["CN-SH", "US-CA"], 1),
    source: sub(SOURCES, 1),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const rule = fc.record(
  {
    priority: fc.constantFrom(0, 10, 50, 100, -1, 2.5),
    match: matchers,
    when: customerCondition,
    assign: fc.oneof(
      fc.constantFrom(...POOLS).map((pool) => ({ pool })),
      fc.constantFrom(...REP_IDS, "ghost").map((rep) => ({ rep })),
      fc.constantFrom("vip", "review").map((queue) => ({ queue })),
    ),
    onNoEligibleRep: fc.constantFrom("queue", "next-rule"),
    description: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: ["assign"], noNullPrototype: true },
);

const pool = fc.record(
  {
    members: fc.oneof(
      sub([...REP_IDS, "ghost"], 0),
      fc.record(
        { teams: sub(TEAMS, 1), territories: sub(TERRITORIES, 1), when: repCondition },
        { requiredKeys: ["teams"], noNullPrototype: true },
      ),
    ),
    strategy: fc.constantFrom("round-robin", "weighted", "least-loaded", "sticky"),
  },
  { requiredKeys: ["members"], noNullPrototype: true },
);

const ownership = fc.record(
  {
    keepCurrentOwner: fc.boolean(),
    preferAccountOwner: fc.boolean(),
    protection: fc
      .record({ days: fc.nat(30), extendOnActivityDays: fc.nat(10), extra: fc.nat(60) })
      .map(({ days, extendOnActivityDays, extra }) => ({
        days,
        extendOnActivityDays,
        maxDays: days + extra,
      })),
    idleReleaseDays: fc.oneof(
      fc.nat(30),
      fc.record(
        { A: fc.nat(30), B: fc.nat(30), C: fc.nat(30) },
        { requiredKeys: [], noNullPrototype: true },
      ),
    ),
    releaseCooldownDays: fc.nat(20),
    claims: fc.record(
      { dailyLimit: fc.nat(5), newInPoolCooldownHours: fc.constantFrom(0, 0.5, 24) },
      { requiredKeys: [], noNullPrototype: true },
    ),
    accountExclusive: fc.boolean(),
    reminderDays: fc.nat(5),
    exempt: customerCondition,
  },
  { requiredKeys: [], noNullPrototype: true },
);

const capacity = fc.record(
  { perDay: fc.nat(5), perWeek: fc.nat(10), owned: fc.nat(10) },
  { requiredKeys: [], noNullPrototype: true },
);

const rawRuleSet = fc.record(
  {
    revision: fc.constantFrom("1", "2026-11-27.1"),
    timezone: fc.constantFrom(...TIME_ZONES),
    hitPolicy: fc.constantFrom("priority", "first", "unique"),
    tiers: fc.array(customerCondition, { maxLength: 3 }),
    territories: fc.array(territory, { maxLength: 4 }),
    includes: fc.array(fc.nat(3), { maxLength: 4 }),
    pools: fc.array(pool, { maxLength: 3 }),
    rules: fc.array(rule, { maxLength: 5 }),
    fallback: fc.constantFrom("unassigned", "unrouted"),
    ownership,
    capacity,
    availability: fc.record(
      { respectWorkingHours: fc.boolean(), respectTimeOff: fc.boolean() },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  { requiredKeys: ["rules", "territories", "includes", "pools"], noNullPrototype: true },
);

type Json = Record<string, unknown>;

/** Keep only the references that resolve, so the generated rule set parses. */
function buildRuleSet(raw: typeof rawRuleSet extends fc.Arbitrary<infer T> ? T : never): Json {
  const territoryNames = TERRITORIES.slice(0, raw.territories.length);
  const territories: Json = {};
  raw.territories.forEach((t, i) => {
    // Including only earlier territories keeps the include graph acyclic.
    const inc = raw.includes[i];
    territories[territoryNames[i]!] =
      i > 0 && inc !== undefined ? { ...t, include: [territoryNames[inc % i]] } : t;
  });
  const knownTerritories = (names: readonly string[] | undefined) =>
    (names ?? []).filter((n) => territoryNames.includes(n as never));
  const poolNames = POOLS.slice(0, raw.pools.length);
  const pools: Json = {};
  raw.pools.forEach((p, i) => {
    if (Array.isArray(p.members)) pools[poolNames[i]!] = p;
    else {
      const ts = knownTerritories(p.members.territories);
      const { territories: _drop, ...rest } = p.members;
      pools[poolNames[i]!] = { ...p, members: ts.length > 0 ? { ...rest, territories: ts } : rest };
    }
  });
  const tiers = raw.tiers?.map((when, i) => ({ id: TIERS[i]!, when }));
  const tierIds: readonly string[] | undefined = tiers?.map((t) => t.id);
  const rules = raw.rules.map((r, i) => {
    const out: Json = { ...r, id: `r${i}` };
    if ("pool" in r.assign && !poolNames.includes(r.assign.pool)) {
      out.assign = { queue: "nopool" };
    }
    if (r.match) {
      const m: Json = { ...r.match };
      if (r.match.territory) {
        const ts = knownTerritories(r.match.territory);
        if (ts.length > 0) m.territory = ts;
        else delete m.territory;
      }
      if (r.match.tier && tierIds) {
        const ts = r.match.tier.filter((t) => tierIds.includes(t));
        if (ts.length > 0) m.tier = ts;
        else delete m.tier;
      }
      out.match = m;
    }
    return out;
  });
  const own: Json = { ...raw.ownership };
  if (typeof own.idleReleaseDays === "object" && tierIds) {
    own.idleReleaseDays = Object.fromEntries(
      Object.entries(own.idleReleaseDays as Json).filter(([k]) => tierIds.includes(k)),
    );
  }
  const out: Json = {
    id: "fuzz",
    ...raw,
    territories,
    pools,
    rules,
    ownership: own,
    fallback: { queue: raw.fallback ?? "unassigned" },
  };
  delete out.includes;
  if (tiers === undefined) delete out.tiers;
  else out.tiers = tiers;
  return out;
}

export const ruleSetArb: fc.Arbitrary<Json> = rawRuleSet.map(buildRuleSet);

const window = fc.record(
  {
    days: sub([1, 2, 3, 4, 5, 6, 7], 1),
    from: fc.constantFrom("00:00", "09:00", "22:00", "18:00"),
    to: fc.constantFrom("24:00", "18:00", "06:00", "09:00"),
  },
  { noNullPrototype: true },
);

const timeOff = fc.record(
  {
    from: fc.constantFrom("2026-11-20", "2026-03-08T00:00:00Z", 1_790_000_000_000),
    to: fc.constantFrom("2026-12-01", "2026-11-28T00:00:00+08:00", 1_800_000_000_000),
  },
  { noNullPrototype: true },
);

const rep = fc.record(
  {
    name: fc.string({ maxLength: 8 }),
    active: fc.boolean(),
    weight: fc.constantFrom(1, 2, 3, 0.5),
    teams: sub(TEAMS),
    territories: sub(TERRITORIES),
    industries: sub(INDUSTRIES, 1),
    tiers: sub(TIERS, 1),
    capacity,
    timezone: fc.constantFrom(...TIME_ZONES),
    workingHours: fc.array(window, { maxLength: 2 }),
    timeOff: fc.array(timeOff, { maxLength: 2 }),
    attributes: fc.record(
      { level: fc.nat(3), trainee: fc.boolean() },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** A roster: unique ids; territory coverage restricted to the rule set's territories by `fitReps`. */
export const repsArb: fc.Arbitrary<Json[]> = fc
  .uniqueArray(fc.constantFrom(...REP_IDS), { minLength: 0, maxLength: REP_IDS.length })
  .chain((ids) => fc.tuple(...ids.map((id) => rep.map((r) => ({ id, ...r })))));

/** Drop rep territories the rule set does not define (else the roster is rightly refused). */
export function fitReps(reps: readonly Json[], ruleSet: Json): Json[] {
  const defined = Object.keys((ruleSet.territories ?? {}) as Json);
  return reps.map((r) => {
    if (!Array.isArray(r.territories)) return r;
    return { ...r, territories: r.territories.filter((t) => defined.includes(t as string)) };
  });
}

const receivedAt = fc.oneof(
  fc.integer({ min: 1, max: 30 * 24 * 60 }).map((minutes) => ({ minutes, form: "iso" as const })),
  fc.integer({ min: 1, max: 30 * 24 * 60 }).map((minutes) => ({ minutes, form: "ms" as const })),
  fc.integer({ min: 2, max: 30 }).map((days) => ({ minutes: days * 1440, form: "date" as const })),
);

const customer = fc.record(
  {
    id: fc.integer({ min: 0, max: 9 }).map((i) => `c${i}`),
    accountId: fc.constantFrom("acc1", "acc2", 7),
    receivedAt,
    tier: fc.constantFrom(...TIERS),
    country: fc.constantFrom("CN", "us", "DE"),
    region: fc.constantFrom("CN-SH", "CN-GD", "US-CA"),
    postalCode: fc.constantFrom("518100", "200000", 90210, "A5"),
    industry: fc.constantFrom("software", "511210", "retail", 5112),
    source: fc.constantFrom(...SOURCES),
    revenue: fc.integer({ min: 0, max: 2000 }),
    vip: fc.constantFrom(true, false, "yes"),
    tags: fc.array(fc.constantFrom("hot", "cold"), { maxLength: 3 }),
    x: fc.string({ maxLength: 4 }),
  },
  { requiredKeys: ["id"], noNullPrototype: true },
);

type RawCustomer = typeof customer extends fc.Arbitrary<infer T> ? T : never;

/** Customer records received before `now` (each one valid; duplicate ids happen). */
export function buildCustomers(raw: readonly RawCustomer[], now: string): Json[] {
  const nowMs = Date.parse(now);
  return raw.map((c) => {
    const out: Json = { ...c };
    // A region and a different country would be a (correct) rejection; keep them consistent.
    if (typeof c.region === "string" && typeof c.country === "string") {
      out.country = c.region.slice(0, 2);
    }
    if (c.receivedAt === undefined) delete out.receivedAt;
    else {
      const ms = nowMs - c.receivedAt.minutes * 60_000;
      const iso = new Date(ms).toISOString();
      out.receivedAt =
        c.receivedAt.form === "ms"
          ? ms
          : c.receivedAt.form === "date"
            ? iso.slice(0, 10)
            : iso.replace("Z", "+00:00");
    }
    return out;
  });
}

export const rawCustomersArb = fc.array(customer, { maxLength: 8 });

/** A whole valid scenario: rule set, roster, `now` and batches of customers (threaded in order). */
export interface Scenario {
  ruleSet: Json;
  reps: Json[];
  now: string;
  batches: Json[][];
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    ruleSet: ruleSetArb,
    reps: repsArb,
    now: fc.constantFrom(...NOWS),
    batches: fc.array(rawCustomersArb, { minLength: 1, maxLength: 2 }),
  })
  .map(({ ruleSet, reps, now, batches }) => ({
    ruleSet,
    reps: fitReps(reps, ruleSet),
    now,
    batches: batches.map((b) => buildCustomers(b, now)),
  }));

/**
 * One valid scenario using every field, for the systematic sweep (every hostile value at every
 * node): each rule set, rep and customer key is present, so every one gets each treatment.
 */
export const RICH: Scenario = {
  ruleSet: {
    $schema: "https://example.com/leadroute.json",
    id: "rich",
    revision: "2026-11-27.1",
    description: "every field",
    timezone: "Asia/Shanghai",
    hitPolicy: "priority",
    tiers: [
      { id: "A", when: { ">=": [{ var: "customer.revenue" }, 1000] }, description: "big" },
      { id: "B", when: { flag: [{ var: "customer.vip" }] } },
      { id: "C", when: true },
    ],
    territories: {
      east: { regions: ["CN-SH", "CN-JS"], countries: ["SG"], description: "east" },
      south: { regions: ["CN-GD"], postalCodes: ["51*", "518000..518999", "CN:20*"] },
      world: { include: ["east", "south"], countries: ["US", "DE"] },
    },
    pools: {
      key: { members: ["ana", "bo"], strategy: "weighted", description: "key accounts" },
      east: {
        members: {
          teams: ["smb"],
          territories: ["east"],
          when: { "!": { var: "rep.attributes.trainee" } },
        },
        strategy: "round-robin",
      },
      inside: { members: ["cy", "di", "ed"], strategy: "least-loaded" },
      sticky: { members: ["ana", "cy"], strategy: "sticky" },
    },
    rules: [
      { id: "key", priority: 100, match: { tier: ["A"] }, assign: { pool: "key" } },
      {
        id: "east-software",
        priority: 50,
        description: "east software",
        match: {
          territory: ["east"],
          industry: ["software", "5112*"],
          country: ["CN"],
          region: ["CN-SH"],
          source: ["web"],
        },
        when: { in: [{ var: "customer.source" }, ["web", "event"]] },
        assign: { pool: "east" },
        onNoEligibleRep: "next-rule",
      },
      { id: "fixed", priority: 50, match: { tier: ["B"] }, assign: { rep: "ed" } },
      {
        id: "vip",
        priority: 20,
        when: { some: [{ var: "customer.tags" }, { "==": [{ var: "" }, "hot"] }] },
        assign: { queue: "vip" },
      },
      { id: "sticky", priority: 10, assign: { pool: "sticky" } },
      { id: "inside", priority: 0, assign: { pool: "inside" } },
    ],
    fallback: { queue: "unrouted" },
    ownership: {
      keepCurrentOwner: true,
      preferAccountOwner: true,
      protection: { days: 15, extendOnActivityDays: 7, maxDays: 90 },
      idleReleaseDays: { A: 30, B: 15, C: 7 },
      releaseCooldownDays: 14,
      claims: { dailyLimit: 5, newInPoolCooldownHours: 24 },
      accountExclusive: true,
      reminderDays: 3,
      exempt: { "==": [{ var: "customer.stage" }, "won"] },
    },
    capacity: { perDay: 30, perWeek: 120, owned: 300 },
    availability: { respectWorkingHours: true, respectTimeOff: true },
  },
  reps: [
    {
      id: "ana",
      name: "Ana",
      email: "ana@example.com",
      active: true,
      weight: 2,
      teams: ["smb"],
      territories: ["east"],
      industries: ["software", "5112*"],
      tiers: ["A", "B"],
      capacity: { perDay: 10, perWeek: 40, owned: 100 },
      timezone: "Asia/Shanghai",
      workingHours: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" }],
      timeOff: [{ from: "2026-12-24", to: "2026-12-27", reason: "holiday" }],
      attributes: { level: 2, trainee: false },
    },
    {
      id: "bo",
      teams: ["smb"],
      territories: ["east", "world"],
      weight: 1,
      timezone: "Europe/Berlin",
    },
    { id: "cy", active: true, workingHours: [{ days: [5], from: "22:00", to: "06:00" }] },
    { id: "di", timeOff: [{ from: "2026-11-27T00:00:00+08:00", to: 1_800_000_000_000 }] },
    { id: "ed", attributes: { trainee: true } },
  ],
  now: "2026-11-27T09:30:00+08:00",
  batches: [
    [
      {
        id: "c1",
        accountId: "acc1",
        receivedAt: "2026-11-27T09:00:00+08:00",
        tier: "A",
        country: "CN",
        region: "CN-SH",
        postalCode: "200000",
        industry: "software",
        source: "web",
        revenue: 5000,
        vip: true,
        tags: ["hot"],
        stage: "lead",
      },
      {
        id: "c2",
        accountId: "acc1",
        receivedAt: 1_795_743_000_000,
        region: "CN-SH",
        industry: 511210,
        source: "web",
      },
      { id: "c3", receivedAt: "2026-11-26", country: "US", postalCode: 90210, vip: "yes" },
      { id: "c4", region: "cn-gd", postalCode: "518100", tags: ["cold"], stage: "won" },
    ],
    [
      { id: "c1", accountId: "acc1", stage: "won" },
      { id: "c5", accountId: "acc1", receivedAt: "2026-11-27T01:00:00Z", source: "event" },
      { id: "c6", country: "DE", industry: "retail", revenue: 10 },
    ],
  ],
};
