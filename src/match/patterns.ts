/** A compiled code pattern: exact (`software`), prefix (`5112*`) or range (`518000..518999`). */
export type CodePattern =
  | { kind: "exact"; value: string }
  | { kind: "prefix"; prefix: string }
  | { kind: "range"; low: string; high: string; numeric: boolean };

const DIGITS = /^\d+$/;

/** Compile one pattern. A range compares as numbers when both ends are digit strings of one length. */
export function compilePattern(pattern: string): CodePattern {
  const dots = pattern.indexOf("..");
  if (dots > 0) {
    const low = pattern.slice(0, dots);
    const high = pattern.slice(dots + 2);
    return {
      kind: "range",
      low,
      high,
      numeric: DIGITS.test(low) && DIGITS.test(high) && low.length === high.length,
    };
  }
  if (pattern.endsWith("*")) return { kind: "prefix", prefix: pattern.slice(0, -1) };
  return { kind: "exact", value: pattern };
}

/** Does `code` match the pattern? */
export function matchesPattern(p: CodePattern, code: string): boolean {
  switch (p.kind) {
    case "exact":
      return code === p.value;
    case "prefix":
      return code.startsWith(p.prefix);
    case "range":
      if (p.numeric) {
        if (!DIGITS.test(code)) return false;
        const n = Number(code);
        return n >= Number(p.low) && n <= Number(p.high);
      }
      return code >= p.low && code <= p.high;
  }
}

/** A set of patterns with exact values hashed, so large exact lists stay O(1). */
export interface PatternSet {
  readonly exact: ReadonlySet<string>;
  readonly others: readonly CodePattern[];
}

export function compilePatternSet(patterns: readonly string[]): PatternSet {
  const exact = new Set<string>();
  const others: CodePattern[] = [];
  for (const raw of patterns) {
    const p = compilePattern(raw);
    if (p.kind === "exact") exact.add(p.value);
    else others.push(p);
  }
  return { exact, others };
}

export function matchesPatternSet(set: PatternSet, code: string): boolean {
  if (set.exact.has(code)) return true;
  for (const p of set.others) if (matchesPattern(p, code)) return true;
  return false;
}
