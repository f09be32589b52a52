import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { discoverMethods } from './discovery.js';
import { JOBS, JobName } from './jobs.js';

const JOB_HANDLER = 'bakti:job-handler';

/** Marks a service method as the handler of a job; the payload is its only argument. */
export const OnJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

type Handler = (payload: Record<string, string>) => Promise<unknown>;

/** Finds the @OnJob methods at boot and refuses to start when a job has no handler or two. */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    for (const { meta: name, call } of discoverMethods<JobName>(this.discovery, this.scanner, JOB_HANDLER)) {
      if (this.handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
      this.handlers.set(name, call as Handler);
    }
    const missing = Object.values(JOBS).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  }

  run(name: string, payload: Record<string, string>): Promise<unknown> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler for job ${name}`);
    return handler(payload);
  }
}
