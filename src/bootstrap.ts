import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { mountQueueDashboard } from './jobs/queue-dashboard.js';
import { mountWebApp } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** The HTTP application, configured the same way for the service and for the end-to-end tests. */
export function configureHttp(app: INestApplication): INestApplication {
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bakti API')
      .setDescription('Pidana kerja sosial: orders, sites, shifts, attendance and two-party sign-off')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  mountQueueDashboard(app);
  mountWebApp(app);
  return app;
}

export async function createHttpApp(config: AppConfig, logger?: LoggerService): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  return configureHttp(app);
}
