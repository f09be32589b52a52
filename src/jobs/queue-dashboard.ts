import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestAuthenticator } from '../common/auth/request-authenticator.js';
import { DomainError } from '../common/domain-error.js';
import { JobQueues } from './job-queues.js';

export const DASHBOARD_PATH = '/admin/queues';

/** Bull Board for administrators: a browser signs in with Basic credentials, a script with a bearer token. */
export function mountQueueDashboard(app: INestApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(DASHBOARD_PATH);
  const queues = app.get(JobQueues);
  createBullBoard({ queues: queues.all().map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
  const authenticator = app.get(RequestAuthenticator);
  const adminOnly = async (request: Request, response: Response, next: NextFunction) => {
    const header = request.headers.authorization;
    let refusal: unknown = null;
    const user = await (
      header?.startsWith('Bearer ')
        ? authenticator.fromBearer(header)
        : authenticator.fromBasic(header, request.ip ?? '')
    ).catch((error: unknown) => {
      refusal = error;
      return null;
    });
    // Bull Board would wait for Redis forever: say at once that the queues can't be read.
    if (user?.role === 'admin' && !queues.reachable()) {
      return void response.status(503).type('application/problem+json').send({
        type: 'urn:bakti:problem:service.queue_unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'Redis is unreachable',
      });
    }
    if (user?.role === 'admin') return next();
    if (refusal instanceof DomainError && refusal.status === 429) {
      response
        .status(429)
        .set(refusal.headers)
        .type('application/problem+json')
        .send({ type: 'urn:bakti:problem:auth.too_many_attempts', title: 'Too many requests', status: 429 });
      return;
    }
    response
      .status(user ? 403 : 401)
      .set('WWW-Authenticate', 'Basic realm="Bakti queues", charset="UTF-8"')
      .type('application/problem+json')
      .send({
        type: 'urn:bakti:problem:auth.role_not_allowed',
        title: user ? 'Forbidden' : 'Unauthorized',
        status: user ? 403 : 401,
      });
  };
  app.use(DASHBOARD_PATH, adminOnly, board.getRouter());
}
