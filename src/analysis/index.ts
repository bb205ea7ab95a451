/**
 * Analysis of rule sets: `simulate` (distribution and fairness over a batch), `diffRuleSets`
 * (the impact of a rule change) and `analyzeRuleSet` (static findings).
 */
export {
  type Analysis,
  analyzeRuleSet,
  FINDING_CODES,
  FINDING_SEVERITIES,
  type Finding,
  type FindingCode,
  type FindingSeverity,
} from "./analyze";
export { type DecisionSummary, type DiffInput, diffRuleSets, type RuleSetDiff } from "./diff";
export { gini, maxShareDeviation } from "./fairness";
export {
  NO_RULE,
  type PoolFairness,
  type RepReport,
  type SimulateInput,
  type SimulationReport,
  simulate,
} from "./simulate";
