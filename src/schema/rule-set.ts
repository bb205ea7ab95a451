import { z } from "zod";
import { LIMITS } from "../limits";
import { STRATEGY_NAMES } from "../strategies/types";
import { Condition, Id, idRecord, list, NonNegative, NonNegativeInt, Text } from "./common";

/** A number of days: at most 100 years, so every computed moment stays a valid date. */
const Days = NonNegativeInt.max(36_500, "must be at most 36500 days (100 years)");
const Hours = NonNegative.max(876_000, "must be at most 876000 hours (100 years)");

export const HIT_POLICIES = ["priority", "first", "unique"] as const;

export const TierDefinition = z.strictObject({
  id: Id,
  when: Condition,
  description: Text.optional(),
});

export const Territory = z.strictObject({
  countries: list(
    z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
  ).optional(),
  regions: list(
    z.string().regex(/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/, "must be an ISO 3166-2 code like CN-SH"),
  ).optional(),
  postalCodes: list(z.string().min(1).max(64)).optional(),
  include: list(Id).optional(),
  description: Text.optional(),
});

export const MemberSelector = z.strictObject({
  teams: list(Text).optional(),
  territories: list(Id).optional(),
  when: Condition.optional(),
});

export const Pool = z.strictObject({
  members: z.union([list(Id), MemberSelector]),
  strategy: z.enum(STRATEGY_NAMES).default("round-robin"),
  description: Text.optional(),
});

export const Matchers = z.strictObject({
  territory: list(Id).optional(),
  industry: list(z.string().min(1).max(200)).optional(),
  tier: list(Id).optional(),
  country: list(z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")).optional(),
  region: list(
    z.string().regex(/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/, "must be an ISO 3166-2 code like CN-SH"),
  ).optional(),
  source: list(z.string().max(200)).optional(),
});

export const Target = z
  .strictObject({ pool: Id.optional(), rep: Id.optional(), queue: Id.optional() })
  .refine((t) => [t.pool, t.rep, t.queue].filter((v) => v !== undefined).length === 1, {
    message: 'must name exactly one of "pool", "rep" or "queue"',
  });

export const Rule = z.strictObject({
  id: Id,
  description: Text.optional(),
  priority: z.number().default(0),
  match: Matchers.optional(),
  when: Condition.optional(),
  assign: Target,
  onNoEligibleRep: z.enum(["queue", "next-rule"]).default("queue"),
});

export const Capacity = z.strictObject({
  perDay: NonNegativeInt.optional(),
  perWeek: NonNegativeInt.optional(),
  owned: NonNegativeInt.optional(),
});

export const Ownership = z.strictObject({
  keepCurrentOwner: z.boolean().default(true),
  preferAccountOwner: z.boolean().default(false),
  protection: z
    .strictObject({
      days: Days,
      extendOnActivityDays: Days.default(0),
      maxDays: Days.optional(),
    })
    .optional(),
  idleReleaseDays: z.union([Days, idRecord(Days)]).optional(),
  releaseCooldownDays: Days.default(0),
  claims: z
    .strictObject({
      dailyLimit: NonNegativeInt.optional(),
      newInPoolCooldownHours: Hours.default(0),
    })
    .default({ newInPoolCooldownHours: 0 }),
  accountExclusive: z.boolean().default(false),
  reminderDays: Days.default(0),
  exempt: Condition.optional(),
});

export const Availability = z.strictObject({
  respectWorkingHours: z.boolean().default(true),
  respectTimeOff: z.boolean().default(true),
});

export const RuleSetSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  revision: z.string().max(200).optional(),
  description: Text.optional(),
  timezone: z.string().min(1).max(100).default("UTC"),
  hitPolicy: z.enum(HIT_POLICIES).default("priority"),
  tiers: list(TierDefinition)
    .max(LIMITS.maxNamedEntries, `at most ${LIMITS.maxNamedEntries} tiers`)
    .optional(),
  territories: idRecord(Territory).default({}),
  pools: idRecord(Pool).default({}),
  rules: list(Rule),
  fallback: z.strictObject({ queue: Id }).default({ queue: "unassigned" }),
  ownership: Ownership.default(() => Ownership.parse({})),
  capacity: Capacity.default({}),
  availability: Availability.default({ respectWorkingHours: true, respectTimeOff: true }),
});

/** A rule set as written by its author (before defaults). */
export type RuleSetInput = z.input<typeof RuleSetSchema>;
/** A parsed rule set: defaults applied, references checked. */
export type RuleSet = z.output<typeof RuleSetSchema>;
export type Rule = z.output<typeof Rule>;
export type Pool = z.output<typeof Pool>;
export type Territory = z.output<typeof Territory>;
export type Matchers = z.output<typeof Matchers>;
export type Target = z.output<typeof Target>;
export type HitPolicy = (typeof HIT_POLICIES)[number];
