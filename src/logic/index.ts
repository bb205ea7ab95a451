export { compileLogic } from "./compile";
export { didYouMean } from "./did-you-mean";
export {
  ARITY,
  type Arity,
  BUILTIN_OPERATORS,
  type BuiltinOperator,
  FORBIDDEN_OPERATORS,
  type ForbiddenOperator,
  isBuiltinOperator,
  isForbiddenOperator,
  isPrototypeKey,
  LOGIC_LIMITS,
} from "./operators";
export { truthy } from "./semantics";
export type { CompiledLogic, CustomOperator, CustomOperators, LogicIssue } from "./types";
export { type ValidateLogicOptions, validateLogic, validateOperatorNames } from "./validate";
