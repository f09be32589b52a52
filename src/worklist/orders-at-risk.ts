import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/local-time.js';
import { Locale, localize } from '../common/messages.js';
import { type OrderAtRisk, DeadlinesService } from '../deadlines/deadlines.service.js';
import type { OrderAtRiskResponse, WorklistResponse } from './dto.js';
import { WorklistRepository } from './worklist.repository.js';

/**
 * POLICY: one risk scan of a Bapas serves its supervisors' worklists this long, so a booking, a cancellation or a
 * sign-off shows in the worklist's atRisk and nothingBooked within it (per API process). The morning scan and its
 * notifications are not cached.
 */
export const RISK_SCAN_TTL_MS = 60_000;

/** The worklist's two lists of the risk scan. */
export type RiskLists = Pick<WorklistResponse, 'atRisk' | 'nothingBooked'>;

interface Scan {
  startedAt: number;
  found: Promise<OrderAtRisk[]>;
  byLocale: Map<Locale, Promise<RiskLists>>;
}

/**
 * The worklist's orders at risk, scanned once per Bapas and TTL: requests that come while a scan runs wait for that
 * scan (single flight) rather than each running their own; a failed scan is not kept.
 */
@Injectable()
export class OrdersAtRisk {
  private readonly scans = new Map<string, Scan>();
  /** Each Bapas's zone, read once: an agency's zone is given when it is created and never changed. */
  private readonly zones = new Map<string, string>();

  constructor(
    private readonly worklist: WorklistRepository,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  of(bapasId: string, locale: Locale): Promise<RiskLists> {
    const scan = this.current(bapasId);
    const localized = scan.byLocale.get(locale) ?? scan.found.then((found) => lists(found, locale));
    scan.byLocale.set(locale, localized);
    return localized;
  }

  private current(bapasId: string): Scan {
    const now = this.clock.now().getTime();
    const cached = this.scans.get(bapasId);
    const age = cached ? now - cached.startedAt : -1;
    if (cached && age >= 0 && age < RISK_SCAN_TTL_MS) return cached;
    const scan: Scan = { startedAt: now, found: this.scan(bapasId), byLocale: new Map() };
    this.scans.set(bapasId, scan);
    scan.found.catch(() => this.scans.get(bapasId) === scan && this.scans.delete(bapasId));
    return scan;
  }

  private async scan(bapasId: string): Promise<OrderAtRisk[]> {
    let timezone = this.zones.get(bapasId);
    if (timezone === undefined) this.zones.set(bapasId, (timezone = await this.worklist.timezoneOf(bapasId)));
    return this.deadlines.scan(timezone, localDate(this.clock.now(), timezone), bapasId);
  }
}

function lists(found: OrderAtRisk[], locale: Locale): RiskLists {
  const views = found.map((item) => view(item, locale));
  return {
    atRisk: views.filter((o) => o.risks.some((r) => r.code === 'risk.cannot_finish')),
    nothingBooked: views.filter((o) => o.risks.some((r) => r.code === 'risk.nothing_booked')),
  };
}

function view({ order, person, risks }: OrderAtRisk, locale: Locale): OrderAtRiskResponse {
  return {
    orderId: order.id,
    caseNumber: order.caseNumber,
    personName: person.fullName,
    endDate: order.endDate,
    remainingMinutes: order.requiredMinutes - order.creditedMinutes,
    risks: risks.map((risk) => ({ code: risk.code, message: localize(risk.code, locale, risk.params) })),
  };
}
