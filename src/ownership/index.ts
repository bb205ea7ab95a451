/**
 * The ownership lifecycle (DESIGN §7): public pool (公海) and private book (私海), protection,
 * claims, cool-downs, sweeps, transfers and offboarding. Each operation is a pure function of a
 * compiled rule set and one argument object; the router exposes them as methods.
 */
export { recordActivity } from "./activity";
export { claim } from "./claim";
export { checkClaim } from "./claim-check";
export { type FormatOperationOptions, formatOperation } from "./format";
export { lookup } from "./lookup";
export { offboard } from "./offboard";
export {
  extendedProtection,
  idleReleaseDays,
  idleStart,
  isProtected,
  protectionEnd,
  releaseAt,
} from "./protection";
export { release } from "./release";
export { sweep } from "./sweep";
export { transfer } from "./transfer";
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
} from "./types";
export { OPERATION_OUTCOMES, OPERATIONS } from "./types";
