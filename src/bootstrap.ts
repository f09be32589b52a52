import { INestApplication, LoggerService } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { BODY_LIMIT, InputGuardPipe } from './common/input-guard.js';
import { mountObservability } from './common/observability/http-observability.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig, tileSource } from './config/app-config.js';
import { mountQueueDashboard } from './jobs/queue-dashboard.js';
import { buildOpenApiDocument, serveOpenApiDocument } from './openapi-document.js';
import { mountWebApp } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** The HTTP application, configured the same way for the service and for the end-to-end tests. */
export function configureHttp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  mountObservability(app);
  secureHeaders(app as NestExpressApplication, config.MAP_TILE_URL);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new InputGuardPipe(), createValidationPipe());
  serveOpenApiDocument(app);
  mountQueueDashboard(app);
  mountWebApp(app, { mapTileUrl: config.MAP_TILE_URL });
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
  const app = await NestFactory.create(AppModule.forRoot({ ...config, APP_ROLE: 'api' }), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

/**
 * Security headers (helmet, with a CSP that the OpenAPI page, the queue dashboard and the web app live with: no
 * inline scripts anywhere; images also from the map's tile server), no X-Powered-By, and no caching of API answers: they carry tokens and personal data.
 * Nor does Express hash each answer for an ETag: no cache may keep an API answer, so none would ask with it (the
 * web app's files and page carry their own, mountWebApp).
 */
function secureHeaders(app: NestExpressApplication, mapTileUrl: string): void {
  app.disable('x-powered-by');
  app.disable('etag');
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // The admin's site map loads its tiles from the configured tile server (MAP_TILE_URL).
          imgSrc: ["'self'", 'data:', tileSource(mapTileUrl)],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          // The service is often reached over plain HTTP inside an office network or on localhost.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(`/${API_PREFIX}`, (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
}
