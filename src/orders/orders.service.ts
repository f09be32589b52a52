import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, badRequest, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CreateOrderDto, OrderListQuery, ReplacedSentenceDto } from './dto.js';
import { Order } from './order.entity.js';
import { OrderRepository } from './order.repository.js';
import { ReplacedSentence, orderViolations, regimeFor } from './order.rules.js';

defineMessages({
  'order.not_a_prosecutor': { id: 'Pengguna ini bukan jaksa.', en: 'This user is not a prosecutor.' },
  'order.not_a_kejaksaan': { id: 'Instansi ini bukan kejaksaan.', en: "This agency is not a prosecutors' office." },
  'order.kejaksaan_needed': {
    id: 'Sebutkan jaksa (prosecutorId) atau kejaksaan (kejaksaanId): wilayah ini tidak memiliki tepat satu kejaksaan.',
    en: 'Name the prosecutor (prosecutorId) or the office (kejaksaanId): the region has not exactly one.',
  },
  'order.case_registered': {
    id: 'Putusan dengan nomor perkara ini sudah tercatat untuk orang ini.',
    en: 'An order with this case number is already recorded for this person.',
  },
});

export interface OrderProgress {
  requiredMinutes: number;
  scheduledMinutes: number;
  creditedMinutes: number;
  remainingMinutes: number;
}

export interface OrderView {
  id: string;
  personId: string;
  /** the person's name only, so lists of orders read as people */
  personName: string;
  bapasId: string;
  kejaksaanId: string;
  supervisorId: string;
  prosecutorId: string | null;
  caseNumber: string;
  courtName: string;
  offenseDate: string;
  verdictDate: string;
  regime: Order['regime'];
  totalHours: number;
  maxHoursPerDay: number;
  startDate: string;
  endDate: string;
  replacedSentence: ReplacedSentence;
  consentRecorded: boolean;
  status: Order['status'];
  /** R-08 (a): minutes to repeat by the prosecutor's decision, counted in `progress.requiredMinutes`. */
  repeatMinutes: number;
  completedAt: Date | null;
  createdAt: Date;
  progress: OrderProgress;
}

/** An order's row, as the services of other modules receive it. */
export type OrderRecord = Order;

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  create(actor: AuthUser, dto: CreateOrderDto): Promise<OrderView> {
    const replacedSentence = replacedSentenceOf(dto.replacedSentence);
    return this.transactions.run(async (tx) => {
      const person = await this.orders.person(dto.personId, tx);
      if (!person) throw unknownReference('personId', 'person');
      this.access.requireLoaded(actor, 'person.supervise', person);
      const regime = regimeFor(person.birthDate, dto.offenseDate);
      assertValid(orderViolations({ ...dto, regime, birthDate: person.birthDate, replacedSentence }));
      const kejaksaanId = await this.kejaksaanFor(tx, actor, dto);
      if (await this.orders.caseRegistered(person.id, dto.caseNumber, tx)) {
        throw conflict({ field: 'caseNumber', code: 'order.case_registered' });
      }
      const order = await this.orders.insert(
        {
          personId: person.id,
          bapasId: actor.agencyId,
          kejaksaanId,
          supervisorId: actor.id,
          prosecutorId: dto.prosecutorId ?? null,
          caseNumber: dto.caseNumber,
          courtName: dto.courtName,
          offenseDate: dto.offenseDate,
          verdictDate: dto.verdictDate,
          regime,
          totalHours: dto.totalHours,
          maxHoursPerDay: dto.maxHoursPerDay,
          startDate: dto.startDate,
          endDate: dto.endDate,
          replacedKind: replacedSentence.kind,
          replacedDays: replacedSentence.kind === 'imprisonment' ? replacedSentence.days : null,
          replacedAmountRupiah: replacedSentence.kind === 'fine' ? replacedSentence.amountRupiah : null,
          consentRecorded: true,
          status: 'active',
        },
        tx,
      );
      const view = await this.view(tx, order);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'order.created',
        entityType: 'order',
        entityId: order.id,
        after: view,
      });
      return view;
    });
  }

  /** One statement: the order's row, its person's name and its scheduled minutes; the scope checked on it. */
  async get(user: AuthUser, id: string): Promise<OrderView> {
    const found = await this.orders.withProgress(id);
    const order = this.access.requireLoaded(user, 'order.read', found?.order);
    return toOrderView(order, found!.scheduledMinutes, found!.personName);
  }

  /** A page of the user's agency's orders with their progress: two statements (OrderRepository.pageWithProgress). */
  async list(user: AuthUser, query: OrderListQuery): Promise<Page<OrderView>> {
    const scope = user.role === 'prosecutor' ? { kejaksaanId: user.agencyId } : { bapasId: user.agencyId };
    const { items, total } = await this.orders.pageWithProgress(
      { ...scope, status: query.status, personId: query.personId },
      query,
    );
    return {
      items: items.map(({ order, scheduledMinutes, personName }) => toOrderView(order, scheduledMinutes, personName)),
      total,
    };
  }

  /** The order, for a user who may read it. */
  async readable(tx: Tx | undefined, user: AuthUser, id: string, lock = false): Promise<Order> {
    return this.access.requireLoaded(user, 'order.read', await this.orders.find(id, lock, tx));
  }

  /** The order, for a supervisor of its Bapas: who changes what happens under it. */
  async supervised(tx: Tx | undefined, user: AuthUser, id: string, lock = false): Promise<Order> {
    return this.access.requireLoaded(user, 'order.supervise', await this.orders.find(id, lock, tx));
  }

  /** under a breach report the order takes no bookings and no plans until the prosecutor decides. */
  async enterBreach(tx: Tx, actorId: string | null, order: Order): Promise<void> {
    await this.changeStatus(tx, actorId, order, { status: 'breached' }, 'order.breached');
  }

  /** Art. 85(7): back to work (with the minutes to repeat and their new period), or closed by the decision. */
  async applyDecision(
    tx: Tx,
    actorId: string,
    order: Order,
    outcome: { status: 'active' | 'closed'; repeat?: { minutes: number; from: string; endDate: string } },
  ): Promise<void> {
    const repeat = outcome.repeat
      ? {
          repeatMinutes: order.repeatMinutes + outcome.repeat.minutes,
          repeatFrom: outcome.repeat.from,
          endDate: outcome.repeat.endDate,
        }
      : {};
    await this.changeStatus(
      tx,
      actorId,
      order,
      { status: outcome.status, ...repeat },
      outcome.status === 'active' ? 'order.resumed' : 'order.closed',
    );
  }

  /** A corrected decision: the order's status and repeat terms as the correction leaves them. */
  async applyCorrection(
    tx: Tx,
    actorId: string,
    order: Order,
    change: Pick<Order, 'status' | 'repeatMinutes' | 'repeatFrom' | 'endDate'>,
  ): Promise<void> {
    await this.changeStatus(tx, actorId, order, change, 'order.decision_corrected');
  }

  /** complete at exactly its required minutes (the order locked by the caller, who credited the last). */
  async complete(tx: Tx, actorId: string, order: Order, completedAt: Date): Promise<void> {
    await this.orders.update(order.id, { status: 'completed', completedAt }, tx);
    await this.audit.record(tx, {
      actorId,
      action: 'order.completed',
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status },
      after: { status: 'completed', completedAt, creditedMinutes: order.requiredMinutes },
    });
  }

  /** a completed order whose credit was taken back is active again. */
  async reopen(tx: Tx, actorId: string, order: Order, reason: string): Promise<void> {
    await this.orders.update(order.id, { status: 'active', completedAt: null }, tx);
    await this.audit.record(tx, {
      actorId,
      action: 'order.reopened',
      entityType: 'order',
      entityId: order.id,
      before: { status: 'completed', completedAt: order.completedAt },
      after: { status: 'active', reason },
    });
  }

  /** The orders completed since then (their completion notices). */
  completedSince(tx: Tx, since: Date): Promise<string[]> {
    return this.orders.completedSince(since, tx);
  }

  /** who supervises an order's execution: its named prosecutor, or, none named, every active one of its Kejari. */
  async prosecutorsOf(tx: Tx, order: Pick<Order, 'prosecutorId' | 'kejaksaanId'>): Promise<string[]> {
    if (order.prosecutorId) return [order.prosecutorId];
    return this.orders.prosecutorsOf(order.kejaksaanId, tx);
  }

  private async changeStatus(tx: Tx, actorId: string | null, order: Order, change: Partial<Order>, action: string) {
    const before = await this.view(tx, order);
    await this.orders.update(order.id, change, tx);
    const after = await this.view(tx, (await this.orders.find(order.id, false, tx))!);
    await this.audit.record(tx, { actorId, action, entityType: 'order', entityId: order.id, before, after });
  }

  async view(tx: Tx | undefined, order: Order): Promise<OrderView> {
    const { scheduledMinutes, personName } = await this.orders.progressOf(order, tx);
    return toOrderView(order, scheduledMinutes, personName);
  }

  private async kejaksaanFor(tx: Tx, actor: AuthUser, dto: CreateOrderDto): Promise<string> {
    if (dto.prosecutorId) {
      const prosecutor = await this.orders.user(dto.prosecutorId, tx);
      if (!prosecutor) throw unknownReference('prosecutorId', 'user');
      assertValid(prosecutor.role === 'prosecutor' ? [] : [{ field: 'prosecutorId', code: 'order.not_a_prosecutor' }]);
      return prosecutor.agencyId;
    }
    if (dto.kejaksaanId) {
      const kind = await this.orders.agencyKind(dto.kejaksaanId, tx);
      if (kind === null) throw unknownReference('kejaksaanId', 'agency');
      assertValid(kind === 'kejaksaan' ? [] : [{ field: 'kejaksaanId', code: 'order.not_a_kejaksaan' }]);
      return dto.kejaksaanId;
    }
    const offices = await this.orders.kejaksaanNear(actor.agencyId, tx);
    if (offices.length !== 1) throw badRequest([{ field: 'prosecutorId', code: 'order.kejaksaan_needed' }]);
    return offices[0];
  }
}

function replacedSentenceOf(dto: ReplacedSentenceDto): ReplacedSentence {
  const stray = dto.kind === 'imprisonment' ? 'amountRupiah' : 'days';
  if (dto[stray] !== undefined) {
    throw badRequest([{ field: `replacedSentence.${stray}`, code: 'validation.whitelistValidation' }]);
  }
  return dto.kind === 'imprisonment'
    ? { kind: 'imprisonment', days: dto.days! }
    : { kind: 'fine', amountRupiah: dto.amountRupiah! };
}

export function toOrderView(order: Order, scheduledMinutes: number, personName: string): OrderView {
  return {
    id: order.id,
    personId: order.personId,
    personName,
    bapasId: order.bapasId,
    kejaksaanId: order.kejaksaanId,
    supervisorId: order.supervisorId,
    prosecutorId: order.prosecutorId,
    caseNumber: order.caseNumber,
    courtName: order.courtName,
    offenseDate: order.offenseDate,
    verdictDate: order.verdictDate,
    regime: order.regime,
    totalHours: order.totalHours,
    maxHoursPerDay: order.maxHoursPerDay,
    startDate: order.startDate,
    endDate: order.endDate,
    replacedSentence:
      order.replacedKind === 'imprisonment'
        ? { kind: 'imprisonment', days: order.replacedDays! }
        : { kind: 'fine', amountRupiah: order.replacedAmountRupiah! },
    consentRecorded: order.consentRecorded,
    status: order.status,
    repeatMinutes: order.repeatMinutes,
    completedAt: order.completedAt,
    createdAt: order.createdAt,
    progress: {
      requiredMinutes: order.requiredMinutes,
      scheduledMinutes,
      creditedMinutes: order.creditedMinutes,
      remainingMinutes: order.requiredMinutes - order.creditedMinutes,
    },
  };
}
