import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ACCEPT_LANGUAGE_HEADER, IDEMPOTENCY_KEY_HEADER } from './common/openapi.js';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

/** Headers declared once under components.parameters and referenced by each operation that reads them. */
const SHARED_HEADERS = { IdempotencyKey: IDEMPOTENCY_KEY_HEADER, AcceptLanguage: ACCEPT_LANGUAGE_HEADER };

/**
 * The OpenAPI document of the HTTP app, the one served on /api/docs-json and committed as openapi/openapi.json.
 * Bearer security is the default; operations marked @Public() opt out. Maps are sorted so the text is stable.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bakti API')
      .setDescription(
        'Pidana kerja sosial: orders, sites, shifts, attendance and two-party sign-off. ' +
          'Errors are application/problem+json, in Indonesian unless Accept-Language asks for English.',
      )
      .setVersion('1')
      .addServer('/', 'this service')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
    { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` },
  );
  shareHeaders(document);
  document.paths[`/${DOCS_JSON_PATH}`] = {
    get: {
      operationId: 'Docs_document',
      summary: 'This OpenAPI document',
      tags: ['docs'],
      security: [{}],
      responses: {
        200: { description: 'The OpenAPI 3 document', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  return sortMaps(document);
}

function shareHeaders(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      for (const [component, header] of Object.entries(SHARED_HEADERS)) {
        const index =
          operation?.parameters?.findIndex((p) => 'name' in p && p.name === header && p.in === 'header') ?? -1;
        if (index < 0) continue;
        document.components!.parameters = {
          ...document.components!.parameters,
          [component]: operation!.parameters![index],
        };
        operation!.parameters![index] = { $ref: `#/components/parameters/${component}` };
      }
    }
  }
}

function sortMaps(document: OpenAPIObject): OpenAPIObject {
  const sorted = <T>(map: Record<string, T> | undefined) =>
    map && Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const components = document.components ?? {};
  return {
    ...document,
    paths: sorted(document.paths)!,
    components: {
      ...components,
      schemas: sorted(components.schemas),
      parameters: sorted(components.parameters),
      securitySchemes: sorted(components.securitySchemes),
    },
  };
}

export function serveOpenApiDocument(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), { jsonDocumentUrl: DOCS_JSON_PATH });
}
