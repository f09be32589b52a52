import { INestApplication, LoggerService } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { mountQueueDashboard } from './jobs/queue-dashboard.js';
import { buildOpenApiDocument, serveOpenApiDocument } from './openapi-document.js';

export const API_PREFIX = 'api/v1';

/** The HTTP application, configured the same way for the service and for the end-to-end tests. */
export function configureHttp(app: INestApplication): INestApplication {
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  serveOpenApiDocument(app);
  mountQueueDashboard(app);
  return app;
}

export async function createHttpApp(config: AppConfig, logger?: LoggerService): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  return configureHttp(app);
}

/**
 * The OpenAPI document without starting anything: in Nest's preview mode the modules are resolved but no
 * provider is instantiated, so no database, Redis or queue is touched (about half a second).
 */
export async function previewOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot({ ...config, APP_ROLE: 'api' }), { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}
