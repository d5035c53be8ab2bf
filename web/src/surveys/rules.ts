// The builder's simple rule editors and JSONLogic, both ways: "show when <earlier question>
// is / is not <choice>" and "the answer must be <op> <number>" become the contract's rules, and
// a rule of one of those shapes reads back into the simple editor (anything else stays in the
// raw JSON box).
import type { LogicRule, SurveyQuestion } from './contract.js';

export interface SimpleRelevant {
  key: string;
  op: 'is' | 'not';
  value: string;
}

export interface SimpleConstraint {
  op: '>' | '>=' | '<' | '<=' | '!=';
  value: number;
}

export const CONSTRAINT_OPS: ReadonlyArray<SimpleConstraint['op']> = ['>', '>=', '<', '<=', '!='];

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const varName = (v: unknown): string | null =>
  isObj(v) && Object.keys(v).length === 1 && typeof v.var === 'string' ? v.var : null;

/** The rule a simple "show when" makes; a multiple-choice question is asked whether it includes the value. */
export function relevantRule(s: SimpleRelevant, multi: boolean): LogicRule {
  const has: LogicRule = multi
    ? { in: [s.value, { var: s.key }] }
    : { '==': [{ var: s.key }, s.value] };
  if (s.op === 'is') return has;
  return multi ? { '!': has } : { '!=': [{ var: s.key }, s.value] };
}

/** The simple form of a rule, when it has one. */
export function readRelevant(rule: LogicRule | undefined): SimpleRelevant | null {
  if (!isObj(rule)) return null;
  const [op] = Object.keys(rule);
  if (Object.keys(rule).length !== 1) return null;
  const args = rule[op];
  if ((op === '==' || op === '!=') && Array.isArray(args) && args.length === 2) {
    const key = varName(args[0]);
    if (key && typeof args[1] === 'string')
      return { key, op: op === '==' ? 'is' : 'not', value: args[1] };
  }
  if (op === 'in' && Array.isArray(args) && args.length === 2) {
    const key = varName(args[1]);
    if (key && typeof args[0] === 'string') return { key, op: 'is', value: args[0] };
  }
  if (op === '!' && isObj(args)) {
    const inner = readRelevant(args);
    if (inner && inner.op === 'is' && 'in' in args) return { ...inner, op: 'not' };
  }
  return null;
}

export function constraintRule(key: string, s: SimpleConstraint): LogicRule {
  return { [s.op]: [{ var: key }, s.value] };
}

export function readConstraint(key: string, rule: LogicRule | undefined): SimpleConstraint | null {
  if (!isObj(rule) || Object.keys(rule).length !== 1) return null;
  const [op] = Object.keys(rule);
  const args = rule[op];
  if (!(CONSTRAINT_OPS as readonly string[]).includes(op) || !Array.isArray(args)) return null;
  if (args.length !== 2 || varName(args[0]) !== key || typeof args[1] !== 'number') return null;
  return { op: op as SimpleConstraint['op'], value: args[1] };
}

/** The questions before `index` a "show when" may name: those with choices or yes/no. */
export function conditionSources(questions: SurveyQuestion[], index: number): SurveyQuestion[] {
  return questions
    .slice(0, index)
    .filter(
      (q) =>
        !q.retired &&
        (q.type === 'single_choice' || q.type === 'multi_choice' || q.type === 'yes_no'),
    );
}

/** A rule typed as JSON: the rule, null for an empty box, or an error when it is not an object. */
export function parseRule(text: string): { rule: LogicRule | undefined } | { error: true } {
  if (!text.trim()) return { rule: undefined };
  try {
    const value: unknown = JSON.parse(text);
    return isObj(value) ? { rule: value } : { error: true };
  } catch {
    return { error: true };
  }
}
