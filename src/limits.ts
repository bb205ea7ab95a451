/**
 * Resource bounds for inputs from untrusted authors. Exceeding one is a configuration error
 * (or a per-record rejection for customers) with a clear message, never a crash or a hang.
 */
export const LIMITS = {
  /** Longest id of a rule, pool, territory, tier, rep or customer. */
  maxIdLength: 200,
  /** Longest free string value in a rule set or rep. */
  maxStringLength: 10_000,
  /** Most rules in one rule set. */
  maxRules: 20_000,
  /** Most entries in any list of a rule set (territory areas, matcher values, members). */
  maxListLength: 100_000,
  /** Most territories, and most pools. */
  maxNamedEntries: 10_000,
} as const;

/** Keys that would reach object prototypes; never allowed as ids or record keys. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);
