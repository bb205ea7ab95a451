import type { z } from "zod";
import { formatPath, type Issue } from "../errors";
import { didYouMean } from "../logic/did-you-mean";

type AnySchema = z.core.$ZodType;

/** Unwrap optional/default/nullable/pipe wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (
      def.innerType &&
      (def.type === "optional" ||
        def.type === "default" ||
        def.type === "nullable" ||
        def.type === "prefault" ||
        def.type === "readonly")
    )
      s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return s;
  }
  return s;
}

/** The object keys a schema allows at `path` (for did-you-mean hints), or [] when unknown. */
function knownKeysAt(root: AnySchema, path: readonly PropertyKey[]): string[] {
  let candidates: AnySchema[] = [root];
  for (const seg of path) {
    const next: AnySchema[] = [];
    for (const c of candidates) {
      const s = unwrap(c);
      const def = s._zod.def as {
        type: string;
        shape?: Record<string, AnySchema>;
        element?: AnySchema;
        valueType?: AnySchema;
        options?: AnySchema[];
      };
      const branches = def.type === "union" && def.options ? def.options.map(unwrap) : [s];
      for (const b of branches) {
        const bd = b._zod.def as typeof def;
        if (
          bd.type === "object" &&
          bd.shape &&
          typeof seg === "string" &&
          Object.hasOwn(bd.shape, seg)
        ) {
          next.push(bd.shape[seg] as AnySchema);
        } else if (bd.type === "array" && bd.element && typeof seg === "number")
          next.push(bd.element);
        else if (bd.type === "record" && bd.valueType) next.push(bd.valueType);
      }
    }
    candidates = next;
  }
  const keys: string[] = [];
  for (const c of candidates) {
    const s = unwrap(c);
    const def = s._zod.def as {
      type: string;
      shape?: Record<string, AnySchema>;
      options?: AnySchema[];
    };
    const branches = def.type === "union" && def.options ? def.options.map(unwrap) : [s];
    for (const b of branches) {
      const bd = b._zod.def as typeof def;
      if (bd.type === "object" && bd.shape) keys.push(...Object.keys(bd.shape));
    }
  }
  return keys;
}

/**
 * Turn zod issues into leadroute issues: one per problem, each with a readable path; unknown
 * keys get a did-you-mean hint, unions report the branch that fits the input's shape.
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  root: AnySchema,
  prefix: readonly PropertyKey[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(root, issue.path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        out.push({
          path: formatPath([...path, key]),
          message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : known.length ? ` (allowed: ${known.join(", ")})` : ""}`,
        });
      }
    } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch that got furthest: the one whose issues are not a type mismatch at its root.
      const ranked = [...issue.errors].sort(
        (a, b) => score(a, issue.path.length) - score(b, issue.path.length),
      );
      const best = ranked[0] ?? [];
      if (best.length === 0 || score(best, issue.path.length) >= 1000) {
        out.push({ path: formatPath(path), message: describeUnion(issue.errors) });
      } else {
        out.push(
          ...fromZodIssues(
            best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
            root,
            prefix,
          ),
        );
      }
    } else if (issue.code === "invalid_value" && issue.values.every((v) => typeof v === "string")) {
      // An enum typo (`strategy: "weigthed"`) gets the same hint as an unknown key.
      const allowed = issue.values as string[];
      const got = typeof issue.input === "string" ? issue.input : undefined;
      const hint = got === undefined ? undefined : didYouMean(got, allowed);
      out.push({
        path: formatPath(path),
        message: `${got === undefined ? "invalid value" : `unknown value "${got}"`}${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${allowed.map((v) => `"${v}"`).join(", ")}`,
      });
    } else {
      out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}

function score(branch: readonly z.core.$ZodIssue[], depth: number): number {
  const rootMismatch = branch.some((i) => i.code === "invalid_type" && i.path.length === 0);
  return (rootMismatch ? 1000 : 0) + branch.length - depth * 0;
}

function describeUnion(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const expected = branches
    .map((b) => b.find((i) => i.code === "invalid_type"))
    .filter((i): i is z.core.$ZodIssueInvalidType => i !== undefined)
    .map((i) => i.expected);
  return expected.length ? `expected ${[...new Set(expected)].join(" or ")}` : "invalid value";
}
