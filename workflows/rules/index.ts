/**
 * The rule engine of a pipeline definition: evaluate conditions against a deal, explain the
 * outcome in zh-CN and en, score a deal's priority, and check conditions for the compiler.
 * Pure and framework-free: time comes in as `now`, nothing is read but the values passed in.
 */
export {
  evaluateCondition,
  type Comparison,
  type ConditionValue,
  type EvalContext,
  type EvalProblem,
  type ExplainNode,
  type Outcome,
} from "./evaluate";
export {
  describeNode,
  explain,
  unmetCriteria,
  type ExplainContext,
  type ExplainLine,
  type Explanation,
} from "./explain";
export { priorityFor, scoreDeal, type CriterionResult, type Priority, type ScoreResult } from "./score";
export {
  checkCondition,
  checkRules,
  checkScoring,
  type CheckContext,
  type RuleIssue,
  type RuleIssueCode,
} from "./check";
export { OPS_BY_TYPE } from "./check-comparison";
export { groupThousands, formatValue, type Locale } from "./format";
export { OPERATORS, type Operator } from "./operators";
export {
  dayOf,
  fieldValue,
  formatDay,
  isSet,
  toBoolean,
  toDay,
  toNumber,
  toOptionList,
  toScalar,
  toText,
  type DealValue,
  type DealValues,
  type Scalar,
} from "./values";
