/**
 * fast-check generators of whole routing worlds: valid rule sets (territories, tiers, pools of
 * every strategy, rules with typed matchers and simple conditions, caps, ownership settings),
 * rosters and customer batches spread over days and ISO weeks.
 */
import fc from "fast-check";
import type { RepInput, RuleSetInput } from "../../src/index";

export const REP_IDS = ["r0", "r1", "r2", "r3", "r4", "r5"] as const;
/** A pool member that is never in a roster (excluded as inactive, not in roster). */
export const GHOST = "ghost";
export const TEAMS = ["smb", "ent"] as const;
export const TIME_ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin"] as const;
/** Monday 2026-03-02 00:00 UTC; batches spread over the following days. */
export const T0 = Date.UTC(2026, 2, 2);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const TERRITORIES = {
  east: { regions: ["CN-SH", "CN-JS"] },
  south: { regions: ["CN-GD"], postalCodes: ["CN:51*", "518000..518999"] },
  overseas: { countries: ["US", "DE"] },
  greater: { include: ["east", "overseas"] },
};
const TERRITORY_NAMES = Object.keys(TERRITORIES);

const TIERS = [
  { id: "A", when: { ">=": [{ var: "customer.annualRevenue" }, 1_000_000] } },
  { id: "B", when: { ">=": [{ var: "customer.score" }, 50] } },
  { id: "C", when: true },
];

const CONDITIONS: readonly unknown[] = [
  { "==": [{ var: "customer.source" }, "web"] },
  { ">=": [{ var: "customer.score" }, 40] },
  { "<": [{ var: "nowMs" }, T0 + 3 * DAY] },
  { "!": { var: "customer.flag" } },
  {
    and: [{ ">": [{ var: "customer.score" }, 10] }, { "!=": [{ var: "customer.source" }, "ads"] }],
  },
  {
    or: [{ in: [{ var: "customer.industry" }, ["retail", "software"]] }, { var: "customer.flag" }],
  },
  { ">": [{ var: "now" }, "2026-03-04T00:00:00.000Z"] },
];

/** Custom operators of generated worlds: one always throws, one throws on high scores. */
export const TEST_OPERATORS = {
  boom: (): never => {
    throw new Error("boom");
  },
  flaky: (score: unknown): boolean => {
    if (typeof score === "number" && score > 80) throw new Error(`flaky: ${score}`);
    return typeof score === "number" && score % 2 === 0;
  },
};

/** Conditions that use {@link TEST_OPERATORS} (evaluation errors for some customers). */
const OPERATOR_CONDITIONS: readonly unknown[] = [
  { boom: [] },
  { flaky: [{ var: "customer.score" }] },
  { and: [{ "==": [{ var: "customer.source" }, "fair"] }, { boom: [] }] },
];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Mostly absent: so that rules with several matchers still match now and then. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** Drop undefined fields so `exactOptionalPropertyTypes` and JSON both stay happy. */
function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

const poolArb = fc.record({
  members: fc.oneof(
    fc.shuffledSubarray([...REP_IDS, GHOST], { minLength: 1, maxLength: 5 }),
    fc
      .record({
        teams: fc.subarray([...TEAMS], { minLength: 1 }),
        territories: maybe(fc.subarray(TERRITORY_NAMES, { minLength: 1, maxLength: 2 })),
      })
      .map(compact),
  ),
  strategy: fc.constantFrom("round-robin", "weighted", "least-loaded", "sticky"),
});

export interface WorldOptions {
  /** Caps, working hours and time off (they make rotation bounds untestable). */
  availability?: boolean;
  /** Conditions may call {@link TEST_OPERATORS}; the router must be created with them. */
  operators?: boolean;
}

/** A valid rule set (raw input, defaults left to the parser). */
export function ruleSetArb(options: WorldOptions = {}): fc.Arbitrary<RuleSetInput> {
  const withLimits = options.availability ?? true;
  const conditions = options.operators ? [...CONDITIONS, ...OPERATOR_CONDITIONS] : CONDITIONS;
  return fc
    .record({
      timezone: fc.constantFrom(...TIME_ZONES),
      hitPolicy: fc.constantFrom("first", "priority", "unique"),
      withTiers: fc.boolean(),
      pools: fc.array(poolArb, { minLength: 1, maxLength: 4 }),
      ruleSeeds: fc.array(
        fc.record({
          priority: fc.constantFrom(0, 5, 10),
          territory: rarely(fc.subarray(TERRITORY_NAMES, { minLength: 1, maxLength: 2 })),
          industry: rarely(
            fc.subarray(["software", "5112*", "retail", "*", "51*", "5000..5999", "Software"], {
              minLength: 1,
              maxLength: 3,
            }),
          ),
          tier: rarely(fc.subarray(["A", "B", "C"], { minLength: 1, maxLength: 2 })),
          country: rarely(fc.subarray(["CN", "us", "DE"], { minLength: 1 })),
          region: rarely(fc.subarray(["CN-SH", "cn-gd", "US-CA"], { minLength: 1 })),
          source: rarely(fc.subarray(["web", "ads", "fair"], { minLength: 1 })),
          when: rarely(fc.constantFrom(...conditions)),
          target: fc.oneof(
            { weight: 6, arbitrary: fc.nat(3).map((n) => ({ pool: n })) },
            { weight: 1, arbitrary: fc.constantFrom(...REP_IDS, GHOST).map((rep) => ({ rep })) },
            { weight: 1, arbitrary: fc.constantFrom("junk", "review").map((queue) => ({ queue })) },
          ),
          nextRule: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      capacity: withLimits
        ? fc
            .record({
              perDay: maybe(fc.integer({ min: 1, max: 4 })),
              perWeek: maybe(fc.integer({ min: 1, max: 8 })),
              owned: maybe(fc.integer({ min: 1, max: 8 })),
            })
            .map(compact)
        : fc.constant({}),
      ownership: fc
        .record({
          keepCurrentOwner: fc.boolean(),
          preferAccountOwner: fc.boolean(),
          protection: maybe(fc.integer({ min: 0, max: 4 }).map((days) => ({ days }))),
        })
        .map(compact),
      fallback: maybe(fc.constantFrom("unassigned", "unrouted").map((queue) => ({ queue }))),
    })
    .map((g) => {
      const pools = Object.fromEntries(g.pools.map((p, i) => [`p${i}`, p]));
      const rules = g.ruleSeeds.map((s, i) => {
        const match = compact({
          territory: s.territory,
          industry: s.industry,
          tier: s.tier,
          country: s.country,
          source: s.source,
          region: s.region,
        });
        const assign =
          "pool" in s.target ? { pool: `p${s.target.pool % g.pools.length}` } : s.target;
        return compact({
          id: `rule-${i}`,
          priority: s.priority,
          match: Object.keys(match).length > 0 ? match : undefined,
          when: s.when,
          assign,
          onNoEligibleRep: s.nextRule ? ("next-rule" as const) : undefined,
        });
      });
      return compact({
        id: "generated",
        revision: "1",
        timezone: g.timezone,
        hitPolicy: g.hitPolicy,
        tiers: g.withTiers ? TIERS : undefined,
        territories: TERRITORIES,
        pools,
        rules,
        fallback: g.fallback,
        capacity: g.capacity,
        ownership: g.ownership,
      }) as RuleSetInput;
    });
}

const clock = fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, "0")}:00`);

/** A roster of the rep ids (each present or not), with coverage, caps and availability. */
export function repsArb(options: WorldOptions = {}): fc.Arbitrary<RepInput[]> {
  const withLimits = options.availability ?? true;
  const rep = (id: string) =>
    fc
      .record({
        present: fc.double({ min: 0, max: 1, noNaN: true }),
        active: fc.double({ min: 0, max: 1, noNaN: true }),
        weight: fc.constantFrom(1, 2, 3, 0.5),
        teams: maybe(fc.subarray([...TEAMS], { minLength: 1 })),
        territories: rarely(fc.subarray(TERRITORY_NAMES, { minLength: 1, maxLength: 2 })),
        industries: rarely(fc.constantFrom(["software", "5112*"], ["retail"])),
        tiers: rarely(fc.subarray(["A", "B", "C"], { minLength: 1 })),
        capacity: withLimits
          ? rarely(
              fc
                .record({
                  perDay: maybe(fc.integer({ min: 0, max: 3 })),
                  perWeek: maybe(fc.integer({ min: 1, max: 6 })),
                  owned: maybe(fc.integer({ min: 1, max: 6 })),
                })
                .map(compact),
            )
          : fc.constant(undefined),
        timezone: maybe(fc.constantFrom(...TIME_ZONES)),
        workingHours: withLimits
          ? rarely(
              fc
                .record({
                  days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
                  from: clock,
                  to: clock,
                })
                .map((w) => [w]),
            )
          : fc.constant(undefined),
        timeOff: withLimits
          ? rarely(
              fc
                .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 48 }))
                .map(([d, h]) => [
                  {
                    from: new Date(T0 + d * DAY).toISOString(),
                    to: new Date(T0 + d * DAY + h * HOUR).toISOString(),
                  },
                ]),
            )
          : fc.constant(undefined),
      })
      .map((r) => ({ id, ...r }));
  return fc.tuple(...REP_IDS.map(rep)).map((all) =>
    all
      .filter((r) => r.present < 0.85)
      .map(
        (r) =>
          compact({
            id: r.id,
            active: r.active < 0.9 ? undefined : false,
            weight: r.weight,
            teams: r.teams,
            territories: r.territories,
            industries: r.industries,
            tiers: r.tiers,
            capacity: r.capacity,
            timezone: r.timezone,
            workingHours: r.workingHours,
            timeOff: r.timeOff,
          }) as RepInput,
      ),
  );
}

/** One customer's fields except id and receivedAt. */
const customerFields = fc
  .record({
    accountId: maybe(fc.constantFrom("acme", "globex", "initech")),
    place: maybe(
      fc.constantFrom(
        { region: "CN-SH" },
        { region: "CN-GD", postalCode: "510100" },
        { country: "CN", postalCode: "518500" },
        { region: "US-CA", postalCode: "94105" },
        { country: "DE" },
        { country: "JP" },
      ),
    ),
    industry: maybe(fc.constantFrom("software", "511210", "retail", "5111")),
    source: maybe(fc.constantFrom("web", "ads", "fair")),
    score: maybe(fc.integer({ min: 0, max: 100 })),
    annualRevenue: maybe(fc.constantFrom(500, 2_000_000)),
    tier: maybe(fc.constantFrom("A", "B", "C")),
    flag: maybe(fc.boolean()),
  })
  .map(({ place, ...rest }) => compact({ ...rest, ...(place ?? {}) }));

export type CustomerRecord = Record<string, unknown> & { id: string; receivedAt: string };

/**
 * Customers with distinct ids `prefix0…`, received in [from, to) (epoch ms), in a random input
 * order. Every record has a `receivedAt`.
 */
export function customersArb(
  prefix: string,
  from: number,
  to: number,
  maxLength = 8,
): fc.Arbitrary<CustomerRecord[]> {
  return fc
    .array(fc.tuple(customerFields, fc.integer({ min: from, max: to - 1 })), {
      minLength: 1,
      maxLength,
    })
    .map((list) =>
      list.map(([fields, at], i) => ({
        id: `${prefix}${i}`,
        ...fields,
        receivedAt: new Date(Math.floor(at / MINUTE) * MINUTE).toISOString(),
      })),
    );
}

/** A world: a rule set, a roster and batches of customers, each batch later than the last. */
export interface World {
  ruleSet: RuleSetInput;
  /** Create the router with {@link TEST_OPERATORS}. */
  operators: boolean;
  reps: RepInput[];
  /** Batches in time order: every customer of batch k is received before any of batch k+1. */
  batches: { now: string; customers: CustomerRecord[] }[];
}

/**
 * A world whose batches are time-ordered and disjoint in time. With `reuseIds`, later batches
 * may name customers of earlier ones (re-decisions: kept owners, protection, account owners);
 * without, every id is unique across batches (so the batches can be merged into one call).
 */
export function worldArb(
  options: WorldOptions & { reuseIds?: boolean; batches?: number } = {},
): fc.Arbitrary<World> {
  const count = options.batches ?? 3;
  const span = (10 * DAY) / count;
  const batches = fc.tuple(
    ...Array.from({ length: count }, (_, k) =>
      fc
        .tuple(
          customersArb(options.reuseIds ? "c" : `b${k}-c`, T0 + k * span, T0 + (k + 1) * span),
          fc.integer({ min: 0, max: 5 * HOUR }),
        )
        .map(([customers, extra]) => ({
          // `now` is at or after the batch's last arrival, but never reaches the next batch.
          now: new Date(
            Math.min(
              Math.max(...customers.map((c) => Date.parse(c.receivedAt))) + extra,
              T0 + (k + 1) * span - 1,
            ),
          ).toISOString(),
          customers,
        })),
    ),
  );
  return fc
    .record({ ruleSet: ruleSetArb(options), reps: repsArb(options), batches })
    .map((w) => ({ ...w, operators: options.operators ?? false, batches: [...w.batches] }));
}

/** Deep-freeze a JSON-like value (for the no-mutation property). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
