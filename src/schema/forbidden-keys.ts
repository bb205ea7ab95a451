import { formatPath, type Issue } from "../errors";
import { FORBIDDEN_KEYS } from "../limits";

interface Node {
  value: unknown;
  key: PropertyKey | undefined;
  parent: Node | undefined;
}

function pathOf(node: Node, root: readonly PropertyKey[]): PropertyKey[] {
  const segments: PropertyKey[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) segments.push(n.key);
  return [...root, ...segments.reverse()];
}

/**
 * Every own key `__proto__`, `constructor` or `prototype` anywhere in a JSON value, with its
 * path. Such keys (own properties after `JSON.parse`) would be dropped or reach prototypes in
 * record handling, so they are refused outright. Iterative and linear in the size of the value
 * (paths are built only for the keys reported), so no depth can overflow the stack.
 */
export function forbiddenKeyIssues(
  value: unknown,
  root: readonly PropertyKey[],
  /** Objects already scanned (shared by the calls that scan the parts of one value in turn). */
  seen = new Set<object>(),
): Issue[] {
  const issues: Issue[] = [];
  const stack: Node[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: Node = { value: (v as Record<string, unknown>)[key], key, parent: node };
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({
          path: formatPath(pathOf(child, root)),
          message: `"${key}" is a reserved name and cannot be used as a key`,
        });
      } else stack.push(child);
    }
  }
  return issues;
}
