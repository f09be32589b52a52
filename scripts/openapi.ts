/**
 * Writes the OpenAPI document to openapi/openapi.json and the typed client's types to
 * clients/typed-smoke/schema.d.ts. Boots nothing: the document comes from Nest's preview mode.
 *
 *   npm run openapi
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewOpenApiDocument } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { openApiArtifacts, ROOT } from './openapi/artifacts.js';

// Nothing is started and no secret is used, so the development defaults do.
const artifacts = await openApiArtifacts(
  await previewOpenApiDocument(loadConfig({ ...process.env, NODE_ENV: 'development' })),
);
for (const [file, text] of Object.entries(artifacts)) {
  writeFileSync(join(ROOT, file), text);
  process.stdout.write(`${file}: ${text.length} characters\n`);
}
