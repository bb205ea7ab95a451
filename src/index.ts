/**
 * leadroute: deterministic, explainable lead routing. A pure functional core: customers, reps,
 * a declarative rule set and the current state in; decisions, explanations, events and the next
 * state out. No clock, no I/O, no hidden state.
 */

export type {
  Analysis,
  DecisionSummary,
  DiffInput,
  Finding,
  FindingCode,
  FindingSeverity,
  PoolFairness,
  RepReport,
  RuleSetDiff,
  SimulateInput,
  SimulationReport,
} from "./analysis";
export {
  analyzeRuleSet,
  diffRuleSets,
  FINDING_CODES,
  FINDING_SEVERITIES,
  gini,
  maxShareDeviation,
  NO_RULE,
  simulate,
} from "./analysis";
export type { Exclusion, ExclusionDetailsByCode } from "./eligibility/types";
export type { AssignInput, AssignResult, Rejection } from "./engine/assign";
export type { Decision } from "./engine/decide";
export type { EventType, RouterEvent } from "./engine/events";
export { EVENT_TYPES } from "./engine/events";
export { replay } from "./engine/replay";
export type { ExplainInput, Router } from "./engine/router";
export { createRouter } from "./engine/router";
export type { StatePatch } from "./engine/working-state";
export type { Issue, LeadRouteErrorCode } from "./errors";
export { isLeadRouteError, LeadRouteError } from "./errors";
export type {
  ConflictType,
  DenialReason,
  ExclusionCode,
  Outcome,
  OwnershipStep,
  QueueReason,
  WinReason,
} from "./explain/codes";
export {
  CONFLICT_TYPES,
  DENIAL_REASONS,
  EXCLUSION_CODES,
  OUTCOMES,
  OWNERSHIP_STEPS,
  QUEUE_REASONS,
  WIN_REASONS,
} from "./explain/codes";
export type { FormatOptions } from "./explain/format";
export { formatExplanation } from "./explain/format";
export type { Locale, ReasonCode, ReasonDetailsByCode } from "./explain/locales";
export { describeReason, LOCALES } from "./explain/locales";
export type { Attempt, Conflict, ExplainDetail, Explanation, RuleTrace } from "./explain/types";
export { LIMITS } from "./limits";
export type { CustomOperator, CustomOperators } from "./logic";
export type { MatcherKey } from "./match/types";
export type { FormatOperationOptions } from "./ownership/format";
export { formatOperation } from "./ownership/format";
export type {
  ActivityInput,
  ActivityResult,
  ClaimAnswer,
  ClaimDenialReason,
  ClaimInput,
  ClaimResult,
  CustomerRef,
  Denial,
  LookupInput,
  LookupResult,
  OffboardInput,
  OffboardResult,
  OperationExplanation,
  OperationName,
  OperationOutcome,
  ReleaseDue,
  ReleaseInput,
  ReleaseResult,
  SweepInput,
  SweepResult,
  SweptCustomer,
  TimeInput,
  TransferInput,
  TransferResult,
} from "./ownership/types";
export { OPERATION_OUTCOMES, OPERATIONS } from "./ownership/types";
export { ruleSetJsonSchema } from "./schema/json-schema";
export type { ParseOptions, SafeParseResult } from "./schema/parse";
export { parseRuleSet, safeParseRuleSet } from "./schema/parse";
export type { Rep, RepInput } from "./schema/rep";
export type { HitPolicy, Rule, RuleSet, RuleSetInput, Target } from "./schema/rule-set";
export type { CustomerState, RepState, RouterState } from "./schema/state";
export { initialState } from "./schema/state";
export type { StrategyDetail, StrategyName } from "./strategies/types";
export { STRATEGY_NAMES } from "./strategies/types";
