import cluster, { Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';

/** Set in each forked process: which role it takes (the first of APP_ROLE=all keeps the worker). */
export const FORKED_ROLE = 'BAKTI_FORKED_ROLE';

/**
 * The primary of API_PROCESSES HTTP processes on one port (Node's cluster hands connections round-robin). It
 * serves nothing itself: it forks, replaces a process that dies, and on SIGTERM passes the signal on and exits
 * when every process has stopped (each keeps its own SHUTDOWN_TIMEOUT_MS; a second SIGTERM is passed on too,
 * which makes them exit at once). Exits 1 if any of them did.
 */
export function runApiCluster(config: AppConfig): void {
  const log = new Logger('Cluster');
  const roles = Array.from({ length: config.API_PROCESSES }, (_, i) =>
    config.APP_ROLE === 'all' && i === 0 ? 'all' : 'api',
  );
  const roleOf = new Map<Worker, string>();
  let stopping = false;
  let failed = false;
  const fork = (role: string) => roleOf.set(cluster.fork({ [FORKED_ROLE]: role }), role);
  cluster.on('exit', (worker, code, signal) => {
    const role = roleOf.get(worker)!;
    roleOf.delete(worker);
    if (code !== 0) failed = true;
    if (!stopping) {
      log.error(`HTTP process ${worker.process.pid} (${role}) ended (${signal ?? code}): starting another`);
      fork(role);
    } else if (roleOf.size === 0) {
      log.log('Every HTTP process stopped');
      process.exit(failed ? 1 : 0);
    }
  });
  process.on('SIGTERM', () => {
    stopping = true;
    for (const worker of roleOf.keys()) worker.process.kill('SIGTERM');
  });
  // Ctrl+C reaches the whole process group, the HTTP processes too: passing it on would be their second signal.
  process.on('SIGINT', () => (stopping = true));
  roles.forEach(fork);
  log.log(`${roles.length} HTTP processes on port ${config.PORT}`);
}
