import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JobHandlers, OnJob } from './job-handler.js';
import { JOBS } from './jobs.js';

class Reminders {
  @OnJob(JOBS.reminderDayBefore)
  async dayBefore(payload: Record<string, string>) {
    return `day-before ${payload.assignmentId}`;
  }
}

/** A provider handling every other job, so that beside Reminders the registry is complete. */
function everythingElse(): object {
  const prototype: Record<string, unknown> = {};
  for (const name of Object.values(JOBS).filter((job) => job !== JOBS.reminderDayBefore)) {
    const descriptor = { value: async () => name };
    OnJob(name)(prototype, name, descriptor);
    prototype[name] = descriptor.value;
  }
  return Object.create(prototype);
}

const registry = (...instances: object[]) =>
  new JobHandlers(
    { getProviders: () => instances.map((instance) => ({ instance })) } as unknown as DiscoveryService,
    new MetadataScanner(),
  );

describe('job handlers, checked at boot', () => {
  it('dispatches a job to the method marked for it', async () => {
    const handlers = registry(new Reminders(), everythingElse());
    handlers.onModuleInit();
    await expect(handlers.run(JOBS.reminderDayBefore, { assignmentId: 'a1' })).resolves.toBe('day-before a1');
  });

  it('refuses to start when a job has no handler', () => {
    expect(() => registry(new Reminders()).onModuleInit()).toThrow(/Jobs without a handler: .*reminder\.two_hours/);
  });

  it('refuses to start when a job has two handlers', () => {
    expect(() => registry(new Reminders(), new Reminders(), everythingElse()).onModuleInit()).toThrow(
      'Job reminder.day_before has two handlers',
    );
  });
});
