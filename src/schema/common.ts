import { z } from "zod";
import { FORBIDDEN_KEYS, LIMITS } from "../limits";

/** An id: non-empty, bounded, never a prototype key. */
export const Id = z
  .string()
  .min(1, "must not be empty")
  .max(LIMITS.maxIdLength, `must be at most ${LIMITS.maxIdLength} characters`)
  .refine((s) => !FORBIDDEN_KEYS.has(s), {
    message: "is a reserved name (__proto__, constructor, prototype)",
  });

export const Text = z.string().max(LIMITS.maxStringLength);

/** A bounded list. */
export const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(LIMITS.maxListLength, `must have at most ${LIMITS.maxListLength} entries`);

/** A record keyed by ids (prototype keys refused). */
export const idRecord = <T extends z.ZodType>(value: T) => z.record(Id, value);

/** A JSON Logic condition: its shape is checked by the logic validator, not by zod. */
export const Condition = z.unknown().meta({
  description: "JSON Logic condition (https://jsonlogic.com)",
});

/** An input time: ISO-8601 with offset or Z, a date alone, or epoch milliseconds. */
export const TimeInput = z.union([z.string().max(64), z.number()]);

export const NonNegativeInt = z.number().int().min(0);
export const NonNegative = z.number().min(0);
export const PositiveNumber = z.number().positive();
