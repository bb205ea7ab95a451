/**
 * The bench's output floor: a deep copy of plain data, to time what producing `assign`'s output
 * costs with no logic at all (bench/run.mjs, the "output copied" row and the floor table).
 */

/**
 * A deep copy of plain data: every array and object rebuilt (a spread keeps the key order),
 * primitives shared. Frozen objects are the
 * engine's shared values (one per rule trace, tier, winner…), built once rather than per
 * customer, so they stay shared here as well.
 */
export function copyOf(value) {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy = { ...value };
  for (const key in copy) {
    const v = copy[key];
    if (typeof v === "object" && v !== null) copy[key] = copyOf(v);
  }
  return copy;
}
