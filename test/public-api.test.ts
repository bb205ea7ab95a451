import { expect, it } from "vitest";
import * as api from "../src/index";

// The public surface is a contract (DESIGN §9): a rename or a dropped export must fail here.
it("exports the public API by name", () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "CONFLICT_TYPES",
      "DENIAL_REASONS",
      "EVENT_TYPES",
      "EXCLUSION_CODES",
      "FINDING_CODES",
      "FINDING_SEVERITIES",
      "LIMITS",
      "LOCALES",
      "LeadRouteError",
      "NO_RULE",
      "OPERATIONS",
      "OPERATION_OUTCOMES",
      "OUTCOMES",
      "OWNERSHIP_STEPS",
      "QUEUE_REASONS",
      "STRATEGY_NAMES",
      "WIN_REASONS",
      "analyzeRuleSet",
      "createRouter",
      "describeReason",
      "diffRuleSets",
      "formatExplanation",
      "formatOperation",
      "gini",
      "initialState",
      "isLeadRouteError",
      "maxShareDeviation",
      "parseRuleSet",
      "replay",
      "ruleSetJsonSchema",
      "safeParseRuleSet",
      "simulate",
    ]
  `);
});
