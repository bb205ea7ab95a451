import { formatPath, type Issue } from "../errors";
import { FORBIDDEN_KEYS } from "../limits";

/**
 * Every own key `__proto__`, `constructor` or `prototype` anywhere in a JSON value, with its
 * path. Such keys (own properties after `JSON.parse`) would be dropped or reach prototypes in
 * record handling, so they are refused outright. Iterative: no depth can overflow the stack.
 */
export function forbiddenKeyIssues(value: unknown, root: readonly PropertyKey[]): Issue[] {
  const issues: Issue[] = [];
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [...root] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({
          path: formatPath([...path, key]),
          message: `"${key}" is a reserved name and cannot be used as a key`,
        });
      } else stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}
