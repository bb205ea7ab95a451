import { z } from "zod";
import { RuleSetSchema } from "./rule-set";

/**
 * The JSON Schema (draft 2020-12) of a rule set as authors write it, for editors and
 * validation in other tools. Conditions are open (`{}`): their checks (operator allowlist,
 * var paths, limits) happen in `parseRuleSet`.
 */
export function ruleSetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RuleSetSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: "https://leadroute.dev/schema/rule-set.json",
    title: "leadroute rule set",
  };
}
