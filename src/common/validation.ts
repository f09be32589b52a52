import { ArgumentMetadata, Injectable, Param, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { badRequest } from './domain-error.js';
import { RuleViolation } from './rule-violation.js';

/** Unknown fields are refused, values are converted to the DTO's types, every bad field is named (400). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => badRequest(errors.flatMap((error) => toViolations(error, ''))),
  });
}

function toViolations(error: ValidationError, parent: string): RuleViolation[] {
  const field = parent
    ? /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : `${parent}.${error.property}`
    : error.property;
  const own: RuleViolation[] = [];
  const constraints = error.constraints ?? {};
  if (error.value === undefined && !('whitelistValidation' in constraints) && Object.keys(constraints).length > 0) {
    own.push({ field, code: 'validation.isDefined' });
  } else {
    for (const [name, english] of Object.entries(typeFirst(constraints))) {
      own.push({ field, code: `validation.${name}`, params: paramsFrom(english) });
    }
  }
  return [...own, ...(error.children ?? []).flatMap((child) => toViolations(child, field))];
}

const TYPE_CONSTRAINTS = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isUuid',
  'isObject',
  'isArray',
  'isLocalDate',
  'isLocalTime',
  'isIsoInstant',
]);

/** A value of the wrong type gets only that complaint, not every range check besides. */
function typeFirst(constraints: Record<string, string>): Record<string, string> {
  const typeErrors = Object.entries(constraints).filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return typeErrors.length > 0 ? Object.fromEntries(typeErrors) : constraints;
}

/** class-validator puts the limits only in its English text; lift them out for the translated message. */
function paramsFrom(english: string): Record<string, string> {
  const values = /following values: (.*)$/.exec(english)?.[1];
  const limit =
    /(?:less than|greater than|shorter than|longer than|at least|at most|not contain more than|contain at least) (\d+)/.exec(
      english,
    )?.[1];
  return { ...(values ? { values } : {}), ...(limit ? { value: limit } : {}) };
}

/** A path id that is not a UUID is a 400 naming the parameter, never a database error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw badRequest([{ field: metadata.data ?? 'id', code: 'validation.isUuid' }]);
    }
    return value.toLowerCase();
  }
}

/** A path id: checked by ParseIdPipe, documented as `format: uuid`. */
export const IdParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, ParseIdPipe)(target, key, index);
    ApiParam({ name, type: String, format: 'uuid' })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
