import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

/** The repository's root, from here (scripts/openapi/) or from the compiled copy (dist-scripts/scripts/openapi/). */
const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = here.includes('dist-scripts') ? join(here, '../../..') : join(here, '../..');

export const DOCUMENT_FILE = 'openapi/openapi.json';
export const CLIENT_TYPES_FILE = 'clients/typed-smoke/schema.d.ts';

/** Pretty-printed, with the stable key order the document builder gives, and a final newline. */
export function documentText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The typed client's types, generated from the document by openapi-typescript. */
export async function clientTypesText(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(structuredClone(document) as unknown as OpenAPI3, { alphabetize: false });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

/** Every generated file with its expected text, to write (npm run openapi) or to compare (the drift test). */
export async function openApiArtifacts(document: OpenAPIObject): Promise<Record<string, string>> {
  return { [DOCUMENT_FILE]: documentText(document), [CLIENT_TYPES_FILE]: await clientTypesText(document) };
}

export function committed(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}
