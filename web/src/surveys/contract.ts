// The survey vocabulary and form logic shared with the hub (src/modules/surveys): the same
// question types, age bands and JSONLogic rules the server applies, imported as they are (pure
// TypeScript), so a form judged here is judged the same at the hub. The one deep import.
export * from '../../../src/modules/surveys/survey-contract.js';
export {
  QUESTION_KEY_PATTERN,
  checkRules,
  compareVersions,
  relevantKeys,
  validateAnswers,
  type AnswerProblem,
  type RuleProblem,
  type VersionProblem,
} from '../../../src/modules/surveys/form-logic.js';
