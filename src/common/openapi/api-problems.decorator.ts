import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-code.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details.js';

class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

/** RFC 9457 problem details: the shape of every error answer. */
export class ProblemDetailsDto {
  @ApiProperty({ format: 'uri', example: 'https://kenesh.kg/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: 'Validation Failed' })
  title: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiProperty({ example: 'The request is not valid' })
  detail: string;

  @ApiProperty({ enum: ERROR_CODES, example: 'validation_failed' })
  code: ErrorCode;

  @ApiPropertyOptional({ format: 'uri-reference', example: '/api/v1/auth/register' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: '`validation_failed`: a field, query parameter or path segment is missing, malformed or unknown',
  401: '`unauthorized`: no valid access token (or bad credentials)',
  403: '`forbidden`: the caller may see this but not do this',
  404: '`not_found`: no such resource, or not visible to the caller',
  409: '`conflict`: the change clashes with the current state',
  413: '`payload_too_large`: the body is over the limit',
  415: '`validation_failed`: the body is not JSON (Content-Type: application/json)',
  429: '`rate_limited`: too many attempts; see Retry-After',
  503: "`unavailable`: the database (or the rate limits' Redis) does not answer; see Retry-After",
};

/**
 * Documents error answers as problem details. 400 on every route, 413 and 415 on every body
 * and 503 on every `/api/v1` route are added to the whole document (openapi-document.ts).
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem details',
        content: {
          [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
        },
      }),
    ),
  );
}
