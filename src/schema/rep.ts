import { z } from "zod";
import { Id, idRecord, list, NonNegativeInt, PositiveNumber, Text, TimeInput } from "./common";

const Clock = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be "HH:MM" (00:00–24:00)');

export const WorkingWindowSchema = z.strictObject({
  days: list(z.number().int().min(1).max(7)).min(
    1,
    "must list at least one ISO weekday (1=Mon … 7=Sun)",
  ),
  from: Clock.refine((s) => s !== "24:00", { message: '"from" may not be 24:00' }),
  to: Clock,
});

export const TimeOffSchema = z.strictObject({
  from: TimeInput,
  to: TimeInput,
  reason: Text.optional(),
});

export const RepSchema = z.strictObject({
  id: Id,
  name: Text.optional(),
  email: Text.optional(),
  active: z.boolean().default(true),
  weight: PositiveNumber.default(1),
  teams: list(Text).optional(),
  territories: list(Id).optional(),
  industries: list(z.string().min(1).max(200)).optional(),
  tiers: list(Id).optional(),
  capacity: z
    .strictObject({
      perDay: NonNegativeInt.optional(),
      perWeek: NonNegativeInt.optional(),
      owned: NonNegativeInt.optional(),
    })
    .optional(),
  timezone: z.string().min(1).max(100).optional(),
  workingHours: list(WorkingWindowSchema).optional(),
  timeOff: list(TimeOffSchema).optional(),
  attributes: idRecord(z.unknown()).optional(),
});

export type RepInput = z.input<typeof RepSchema>;
export type Rep = z.output<typeof RepSchema>;
export type WorkingWindow = z.output<typeof WorkingWindowSchema>;
