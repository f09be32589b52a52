import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { discoverMethods } from './discovery.js';
import { JOBS, PlannedJob } from './jobs.js';
import { RECONCILE_STEP, ReconcileStep, ReconcileStepMethod } from './reconcile-step.js';
import { RECURRING_JOBS, RecurringJob, RecurringJobs, RecurringJobsMethod } from './recurring-jobs.js';

class Warnings {
  readonly absences = ['a1', 'a2'];

  @ReconcileStep('warnings')
  async recent(_: EntityManager, now: Date): Promise<PlannedJob[]> {
    return this.absences.map((id) => ({ name: JOBS.absenceWarning, jobId: `warning-${id}`, runAt: now, payload: {} }));
  }
}

class Rosters {
  readonly zones = ['Asia/Jayapura'];

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    return this.zones.map((timezone) => ({
      id: `roster-send-${timezone}`,
      repeat: { pattern: '0 17 * * *', tz: timezone },
      name: JOBS.roster,
      data: { timezone },
    }));
  }
}

const discovery = (...instances: object[]) =>
  ({ getProviders: () => [...instances, undefined].map((instance) => ({ instance })) }) as unknown as DiscoveryService;

describe('what the domain modules declare, found at boot', () => {
  const providers = discovery(new Warnings(), new Rosters(), { plain: true });

  it("finds each reconcile step with its report key, bound to its module's instance", async () => {
    const steps = discoverMethods<string>(providers, new MetadataScanner(), RECONCILE_STEP);
    expect(steps.map((step) => step.meta)).toEqual(['warnings']);
    const now = new Date('2026-12-01T00:00:00Z');
    const jobs = await (steps[0].call as ReconcileStepMethod)({} as EntityManager, now);
    expect(jobs.map((job) => job.jobId)).toEqual(['warning-a1', 'warning-a2']);
  });

  it('finds the recurring jobs a module declares', async () => {
    const declared = discoverMethods<true>(providers, new MetadataScanner(), RECURRING_JOBS);
    expect(declared).toHaveLength(1);
    await expect((declared[0].call as RecurringJobsMethod)()).resolves.toEqual([
      expect.objectContaining({
        id: 'roster-send-Asia/Jayapura',
        name: 'roster.send',
        data: { timezone: 'Asia/Jayapura' },
      }),
    ]);
  });
});
