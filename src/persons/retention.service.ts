import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { IdempotencyService } from '../common/idempotency.js';
import { AppConfig } from '../config/app-config.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    for (const { id, orderIds } of await this.eligible(cutoff)) {
      if (await this.anonymise(id, orderIds, now)) anonymised += 1;
    }
    // Replay answers name persons; they expire within days (IDEMPOTENCY_TTL_HOURS) unless that job stood still.
    await this.dataSource.transaction((manager) => this.idempotency.expire(manager, cutoff));
    if (anonymised > 0)
      this.logger.log(`anonymised ${anonymised} persons whose orders ended before ${cutoff.toISOString()}`);
    return { anonymised };
  }

  /** Read only: the persons not yet anonymised who have orders, all of them ended before the cutoff. */
  async eligible(cutoff: Date): Promise<{ id: string; orderIds: string[] }[]> {
    return this.dataSource.query(
      `SELECT p.id, array_agg(o.id ORDER BY o.id) AS "orderIds"
         FROM person p JOIN court_order o ON o.person_id = p.id
        WHERE p.anonymised_at IS NULL
        GROUP BY p.id
       HAVING bool_and(coalesce(CASE o.status
                WHEN 'completed' THEN o.completed_at
                WHEN 'closed' THEN (SELECT max(d.decided_at) FROM breach b JOIN breach_decision d ON d.breach_id = b.id
                                     WHERE b.order_id = o.id AND d.outcome IN ('imprisonment', 'fine'))
              END, 'infinity') < $1)
        ORDER BY p.id`,
      [cutoff],
    );
  }

  private anonymise(personId: string, orderIds: string[], at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const replaced = await this.persons.anonymise(manager, personId, at);
      if (!replaced) return false;
      const placeholder = placeholderName(personId);
      await this.notifications.forgetPerson(manager, personId, replaced.fullName, placeholder);
      await this.planning.forgetPerson(manager, orderIds, placeholder);
      await this.audit.record(manager, {
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
