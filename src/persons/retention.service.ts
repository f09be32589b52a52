import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { IdempotencyService } from '../common/idempotency.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PlanningService } from '../planning/planning.service.js';
import { PersonsService } from './persons.service.js';
import { placeholderName, retentionCutoff } from './retention.rules.js';

/**
 * R-30: the nightly retention job. A person whose every order ended (completed, or closed by the prosecutor's
 * decision) more than RETENTION_YEARS ago is anonymised, each person in a transaction of its own: the person's
 * row by its owner, the messages by notifications, the plans' outcomes by planning. Counts, orders, ledger,
 * attendance and the audit trail stay: the trail holds personal fields only as keyed fingerprints (audit-hash.ts),
 * so it needs no change and stays verifiable.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly persons: PersonsService,
    private readonly notifications: NotificationsService,
    private readonly planning: PlanningService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.retention)
  async run(): Promise<{ anonymised: number }> {
    const now = this.clock.now();
    const cutoff = retentionCutoff(now, this.config.RETENTION_YEARS);
    let anonymised = 0;
    for (const { id, orderIds } of await this.persons.endedBefore(cutoff)) {
      if (await this.anonymise(id, orderIds, now)) anonymised += 1;
    }
    // Replay answers name persons; they expire within days (IDEMPOTENCY_TTL_HOURS) unless that job stood still.
    await this.transactions.run((tx) => this.idempotency.expire(tx, cutoff));
    if (anonymised > 0)
      this.logger.log(`anonymised ${anonymised} persons whose orders ended before ${cutoff.toISOString()}`);
    return { anonymised };
  }

  private anonymise(personId: string, orderIds: string[], at: Date): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const replaced = await this.persons.anonymise(tx, personId, at);
      if (!replaced) return false;
      const placeholder = placeholderName(personId);
      await this.notifications.forgetPerson(tx, personId, replaced.fullName, placeholder);
      await this.planning.forgetPerson(tx, orderIds, placeholder);
      await this.audit.record(tx, {
        actorId: null,
        action: 'person.anonymised',
        entityType: 'person',
        entityId: personId,
        after: { anonymisedAt: at, retentionYears: this.config.RETENTION_YEARS, orders: orderIds.length },
      });
      return true;
    });
  }
}
