import { z } from "zod";
import { Id, idRecord, NonNegativeInt } from "./common";

/** 0000-01-01T00:00:00Z and +100000-01-01T00:00:00Z. */
const MIN_STATE_INSTANT = -62_167_219_200_000;
const MAX_STATE_INSTANT = 3_093_527_980_800_000;

/** A UTC instant as written by the engine (`Date#toISOString` form). */
export const IsoInstant = z
  .string()
  // Expanded years (+010000-…) are what toISOString writes past 9999: a state must read back.
  .regex(
    /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/,
    "must be an ISO-8601 UTC instant",
  )
  // Bounded (years 0000–100000) so that adding any configured period (at most 100 years) to a
  // stored instant is still a valid date.
  .refine(
    (s) => {
      const ms = Date.parse(s);
      return Number.isFinite(ms) && ms >= MIN_STATE_INSTANT && ms <= MAX_STATE_INSTANT;
    },
    { message: "is not a valid instant between years 0000 and 100000" },
  );

/** What the engine remembers of a customer it has seen. */
export const CustomerStateSchema = z.strictObject({
  owner: Id.nullable(),
  accountId: z.string().optional(),
  tier: z.string().optional(),
  country: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  industry: z.string().optional(),
  source: z.string().optional(),
  /** The queue label of an unowned customer queued by `assign`. */
  queue: z.string().optional(),
  /** The state version at which `owner` last changed (tells a claim race loser that it lost). */
  ownerVersion: NonNegativeInt.optional(),
  /** Ownership start (assignment, claim or transfer). */
  ownedSince: IsoInstant.optional(),
  protectedUntil: IsoInstant.optional(),
  lastActivityAt: IsoInstant.optional(),
  /** When the customer returned to the public pool (released, swept, left ownerless). */
  inPoolSince: IsoInstant.optional(),
  /** Release cool-downs: rep id → the moment that rep may take it again. */
  cooldowns: idRecord(IsoInstant).optional(),
});

/** Per-rep counters. */
export const RepStateSchema = z.strictObject({
  day: z.string().optional(),
  dayCount: NonNegativeInt.default(0),
  week: z.string().optional(),
  weekCount: NonNegativeInt.default(0),
  lastAssignedSeq: NonNegativeInt.optional(),
  claimDay: z.string().optional(),
  claimCount: NonNegativeInt.default(0),
});

export const PoolStateSchema = z.strictObject({
  pointer: z.strictObject({ repId: Id, index: NonNegativeInt }).optional(),
  levels: idRecord(z.number()).optional(),
});

export const STATE_SCHEMA_VERSION = 1;

export const StateSchema = z.strictObject({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  version: NonNegativeInt.max(Number.MAX_SAFE_INTEGER),
  /** The latest moment the state has recorded; decisions are never taken before it. */
  clock: IsoInstant.nullable(),
  /** Assignment sequence counter (orders "least recently assigned"). */
  seq: NonNegativeInt.max(Number.MAX_SAFE_INTEGER),
  customers: idRecord(CustomerStateSchema),
  reps: idRecord(RepStateSchema),
  pools: idRecord(PoolStateSchema),
});

export type CustomerState = z.output<typeof CustomerStateSchema>;
export type RepState = z.output<typeof RepStateSchema>;
export type PoolStateData = z.output<typeof PoolStateSchema>;
export type RouterState = z.output<typeof StateSchema>;

/** A fresh, empty state. */
export function initialState(): RouterState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    version: 0,
    clock: null,
    seq: 0,
    customers: {},
    reps: {},
    pools: {},
  };
}
