/** One problem found in an input, located by a path such as `rules[2].assign.pool`. */
export interface Issue {
  path: string;
  message: string;
}

/** Machine-readable error categories. */
export type LeadRouteErrorCode =
  | "invalid_rule_set"
  | "invalid_reps"
  | "invalid_state"
  | "invalid_input"
  | "invalid_operators";

/**
 * The one error type the library throws, for configuration mistakes (rule set, reps, state,
 * call arguments). It lists every issue found, each with its path and a hint; bad customer
 * records are never thrown, they are rejected one by one.
 */
export class LeadRouteError extends Error {
  override readonly name = "LeadRouteError";
  readonly code: LeadRouteErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: LeadRouteErrorCode, issues: readonly Issue[], title?: string) {
    const head = title ?? defaultTitle(code);
    const lines = issues.map((i) => `  - ${i.path ? `${i.path}: ` : ""}${i.message}`);
    super(
      [`${head} (${issues.length} issue${issues.length === 1 ? "" : "s"})`, ...lines].join("\n"),
    );
    this.code = code;
    this.issues = issues;
  }
}

function defaultTitle(code: LeadRouteErrorCode): string {
  switch (code) {
    case "invalid_rule_set":
      return "Invalid rule set";
    case "invalid_reps":
      return "Invalid reps";
    case "invalid_state":
      return "Invalid state";
    case "invalid_operators":
      return "Invalid custom operators";
    case "invalid_input":
      return "Invalid input";
  }
}

/** Type guard for {@link LeadRouteError}, safe across bundle copies (checks the shape, not identity). */
export function isLeadRouteError(value: unknown): value is LeadRouteError {
  return (
    value instanceof LeadRouteError ||
    (value instanceof Error &&
      value.name === "LeadRouteError" &&
      Array.isArray((value as { issues?: unknown }).issues))
  );
}

/** Render a path of segments as `rules[2].assign.pool`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_$][\w$-]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}
