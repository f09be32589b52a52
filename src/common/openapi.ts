import { applyDecorators, createParamDecorator, ExecutionContext, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** One refused field (or, without `field`, the whole request), as the problem+json filter writes it. */
export class ProblemError {
  @ApiPropertyOptional({
    example: 'totalHours',
    description: 'the field, a dotted path into the body, or a header name',
  })
  field?: string;
  @ApiProperty({ example: 'validation.max', description: 'a stable code to branch on' }) code: string;
  @ApiProperty({ example: 'maksimal 240', description: 'in the language of Accept-Language (Indonesian by default)' })
  message: string;
}

/** Something the client should know though nothing was refused, in the language of Accept-Language. */
export class LocalizedWarning {
  @ApiProperty({ example: 'calendar.not_official' }) code: string;
  @ApiProperty() message: string;
}

/** RFC 9457 problem details: every error leaves the service in this shape (see ProblemFilter). */
export class Problem {
  @ApiProperty({ example: 'urn:bakti:problem:validation.max', description: 'urn:bakti:problem:<first error code>' })
  type: string;
  @ApiProperty({ example: 'Permintaan tidak valid' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ example: 'totalHours: maksimal 240' }) detail: string;
  @ApiPropertyOptional({ type: [ProblemError] }) errors?: ProblemError[];
  @ApiPropertyOptional({ description: 'the request id of the logs, also in the X-Request-Id header' })
  requestId?: string;
}

const PROBLEMS = {
  400: 'A malformed or out-of-range field, path id or query value; `errors` names each field',
  401: 'No token, or a bad or expired one',
  403: 'The role or the scope (R-26) does not allow it',
  404: 'No such thing, or not visible to you',
  409: 'The request clashes with the current state',
  429: "Too many sign-in attempts: try again after the Retry-After header's seconds",
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/**
 * The error answers an operation can give, each as application/problem+json with the shared Problem schema:
 * a status, or a status with what it means for this operation (`[409, 'the order is not completed']`).
 */
export function ApiProblems(...answers: (ProblemStatus | [ProblemStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(Problem),
    ...answers.map((answer) => {
      const [status, description] = Array.isArray(answer) ? answer : [answer, PROBLEMS[answer]];
      return ApiResponse({
        status,
        description,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
      });
    }),
  );
}

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const ACCEPT_LANGUAGE_HEADER = 'Accept-Language';

type HeaderSchema = NonNullable<Parameters<typeof ApiHeader>[0]['schema']>;

/** A parameter decorator that reads an optional header and documents it (each shared under components.parameters). */
function optionalHeader(name: string, description: string, schema: HeaderSchema): () => ParameterDecorator {
  const read = createParamDecorator(
    (_: unknown, context: ExecutionContext): string | undefined =>
      context.switchToHttp().getRequest().headers[name.toLowerCase()],
  );
  return () => (target, key, index) => {
    read()(target, key, index);
    ApiHeader({ name, required: false, description, schema })(
      target,
      key!,
      Object.getOwnPropertyDescriptor(target, key!)!,
    );
  };
}

/** The optional Idempotency-Key of a write a phone may resend after a lost answer (API.md). */
export const IdempotencyKey = optionalHeader(
  IDEMPOTENCY_KEY_HEADER,
  'Resend-safe writes: the same key and body give the same answer and change nothing twice; ' +
    'the same key with another body answers 409 idempotency.key_reused. 1 to 200 visible ASCII characters.',
  { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
);

/** The language of the answer's own texts (explanations, warnings); errors follow it everywhere. */
export const AcceptLanguage = optionalHeader(ACCEPT_LANGUAGE_HEADER, '`en` for English; Indonesian otherwise', {
  type: 'string',
  example: 'en',
});

/** `{items, total}` of one item type; name it by extending it: `export class OrderPage extends PageOf(OrderResponse) {}`. */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; total: number }> {
  class PageOfItems {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: 'integer', minimum: 0, description: 'all matching, whatever limit and offset' }) total: number;
  }
  return PageOfItems;
}

/** Lets a response class implement a part of a view type: `class X implements Shape<View['part']>` (null left out). */
export type Shape<T> = NonNullable<T>;
