import { INestApplication, Logger } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build` puts the web app (web/dist), relative to the working directory unless WEB_DIR says. */
export const webDir = () => resolve(process.env.WEB_DIR ?? 'web/dist');

/** Paths that belong to the service, never to the web app's fallback. */
const SERVICE_PATHS = /^\/(api|admin\/queues)(\/|$)/;

/**
 * The web app at `/`: hashed assets cached for good, `index.html` and the service worker always revalidated, and
 * every other GET that asks for HTML (a deep link) answered with `index.html`, so the app's router takes it.
 */
export function mountWebApp(app: INestApplication, settings: { mapTileUrl: string }): void {
  const dir = webDir();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('WebApp').warn(`No web app at ${dir} (run npm run build); serving the API only`);
    return;
  }
  // The deployment's settings the app reads at run time, written into index.html once.
  const page = readFileSync(index, 'utf8').replace(
    '</head>',
    `<meta name="bakti-map-tiles" content="${escapeAttribute(settings.mapTileUrl)}" /></head>`,
  );
  const files = express.static(dir, {
    index: false,
    setHeaders: (response, path) =>
      response.setHeader(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  // An API request is not looked for on disk (a file system call per request).
  app.use((request: Request, response: Response, next: NextFunction) =>
    SERVICE_PATHS.test(request.path) ? next() : files(request, response, next),
  );
  // Worked out once: Express's own ETags are off (bootstrap's secureHeaders); a browser revalidates with it.
  const etag = `"${createHash('sha256').update(page).digest('base64url')}"`;
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || SERVICE_PATHS.test(request.path) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('ETag', etag);
    response.type('html').send(page);
  });
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
