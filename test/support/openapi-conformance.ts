import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

const DOCUMENT_ID = 'openapi.json';

/**
 * Checks real answers against the document: the status and media type must be documented for the operation, and a
 * JSON body must match the documented schema with no field the schema does not name (every object schema is closed here).
 */
export class Conformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  readonly visited = new Set<string>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(closed(structuredClone(document)) as object, DOCUMENT_ID);
  }

  /** What is wrong with this answer of `METHOD /api/v1/path/{template}`; nothing when it tells the truth. */
  problems(operation: string, response: Response): string[] {
    const [method, path] = operation.split(' ');
    const answers = this.document.paths[path]?.[method.toLowerCase() as 'get']?.responses;
    if (!answers) return [`${operation}: not in the document`];
    this.visited.add(operation);
    const answer = answers[String(response.status)] as { content?: Record<string, unknown> } | undefined;
    if (!answer) return [`${operation}: ${response.status} is not documented`];
    if (response.status === 204) return answer.content ? [`${operation}: 204 documents a body`] : [];
    const media = String(response.headers['content-type']).split(';')[0];
    if (!answer.content?.[media]) return [`${operation}: ${response.status} ${media} is not documented`];
    if (!media.endsWith('json')) return [];
    const pointer = [
      'paths',
      path,
      method.toLowerCase(),
      'responses',
      String(response.status),
      'content',
      media,
      'schema',
    ]
      .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
      .join('/');
    const validate = this.ajv.getSchema(`${DOCUMENT_ID}#/${pointer}`)!;
    return validate(response.body)
      ? []
      : (validate.errors ?? []).map(
          (e) =>
            `${operation} ${response.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
        );
  }
}

/**
 * Every object schema that names its properties refuses others, so an undocumented field shows. A nullable
 * reference (OpenAPI 3.0 has no null type: Nest writes `{nullable: true, allOf: [{$ref}]}`, which generators
 * read as `X | null`) becomes the JSON Schema that says so.
 */
function closed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closed);
  if (value === null || typeof value !== 'object') return value;
  const object = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, closed(inner)]));
  if (object.properties && typeof object.properties === 'object' && object.additionalProperties === undefined) {
    object.additionalProperties = false;
  }
  if (object.nullable === true && Array.isArray(object.allOf) && object.allOf.length === 1) {
    const { nullable: _, allOf, type: __, ...rest } = object;
    return { ...rest, anyOf: [allOf[0], { type: 'null' }] };
  }
  return object;
}
