/** A custom JSON Logic operator: receives its arguments already evaluated, in order, as `fn(...args)`. */
export type CustomOperator = (...args: unknown[]) => unknown;

/** Custom operators passed to one compilation (never registered globally), keyed by operator name. */
export type CustomOperators = Readonly<Record<string, CustomOperator>>;

/** One problem found in a condition; `path` leads from the condition root to the offending value. */
export interface LogicIssue {
  path: readonly (string | number)[];
  message: string;
}

/** A compiled condition: evaluates against one data object, with json-logic-js 2.0.5 results. */
export type CompiledLogic = (data: unknown) => unknown;
