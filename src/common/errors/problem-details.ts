import type { FieldError } from './app-error.js';
import type { ErrorCode } from './error-code.js';

/** RFC 9457 problem details, as every error answer of the API carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: ErrorCode): string {
  return `https://kenesh.kg/problems/${code.replace(/_/g, '-')}`;
}
