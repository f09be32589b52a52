import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { badRequest } from './domain-error.js';
import { RuleViolation } from './rule-violation.js';

/** The largest JSON body accepted (body-parser's limit). */
export const BODY_LIMIT = '100kb';

/** No request of ours nests deeper than a few levels; a deeper one only aims at the transformer's stack. */
export const MAX_INPUT_DEPTH = 16;
/** Members and array items in one request, counted before anything is transformed. */
export const MAX_INPUT_NODES = 10_000;

// eslint-disable-next-line no-control-regex -- finding NUL is the point: PostgreSQL text can't hold it
const NUL = /\u0000/;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no field may hold, checked on the raw body, query and path before validation transforms them: nesting
 * past the depth limit, more members than the limit, and strings with NUL or a lone UTF-16 surrogate (neither can
 * be stored as PostgreSQL text or JSON), and the members `__proto__`, `constructor` and `prototype`. Iterative, so a hostile depth can't overflow this check either.
 */
export function inputViolation(input: unknown): RuleViolation | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (NUL.test(value)) return { field: path || undefined, code: 'validation.noNul' };
      if (LONE_SURROGATE.test(value)) return { field: path || undefined, code: 'validation.wellFormedText' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH)
      return { field: path || undefined, code: 'input.too_deep', params: { value: String(MAX_INPUT_DEPTH) } };
    for (const [key, member] of Object.entries(value)) {
      if (++nodes > MAX_INPUT_NODES)
        return { code: 'input.too_many_members', params: { value: String(MAX_INPUT_NODES) } };
      const memberPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (NUL.test(key) || LONE_SURROGATE.test(key))
        return { field: path || undefined, code: 'validation.wellFormedText' };
      // JSON.parse keeps these as members; the transformer drops them unseen by the whitelist, so they'd pass as nothing.
      if (PROTOTYPE_KEYS.has(key)) return { field: memberPath, code: 'validation.whitelistValidation' };
      stack.push({ value: member, path: memberPath, depth: depth + 1 });
    }
  }
  return null;
}

/** Runs before the validation pipe on every body, query and path parameter. */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const violation = inputViolation(value);
    if (!violation) return value;
    const field = metadata.type === 'param' && metadata.data ? metadata.data : violation.field;
    throw badRequest([{ ...violation, ...(field ? { field } : {}) }]);
  }
}
