/**
 * `value` with every object and array in it frozen. For values this library made and shares
 * (explanation parts, prepared reps): plain JSON trees, never a caller's objects.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
