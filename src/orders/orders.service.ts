import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access.policy.js';
import { Agency } from '../agencies/agency.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, badRequest, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { User } from '../identity/user.entity.js';
import { Person } from '../persons/person.entity.js';
import { CreateOrderDto, OrderListQuery, ReplacedSentenceDto } from './dto.js';
import { Order } from './order.entity.js';
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

/** Statuses whose planned minutes still count as booked for the order. */
const PENDING_STATUSES = `('scheduled', 'checked_in', 'checked_out')`;

@Injectable()
export class OrdersService {
  private orderColumns?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  create(actor: AuthUser, dto: CreateOrderDto): Promise<OrderView> {
    const replacedSentence = replacedSentenceOf(dto.replacedSentence);
    return this.dataSource.transaction(async (manager) => {
      const person = await manager.findOneBy(Person, { id: dto.personId });
      if (!person) throw unknownReference('personId', 'person');
      this.access.requireLoaded(actor, 'person.supervise', person);
      const regime = regimeFor(person.birthDate, dto.offenseDate);
      assertValid(orderViolations({ ...dto, regime, birthDate: person.birthDate, replacedSentence }));
      const kejaksaanId = await this.kejaksaanFor(manager, actor, dto);
      if (await manager.existsBy(Order, { personId: person.id, caseNumber: dto.caseNumber })) {
        throw conflict({ field: 'caseNumber', code: 'order.case_registered' });
      }
      const order = await manager.save(
        manager.create(Order, {
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
        }),
      );
      const view = await this.view(manager, await manager.findOneByOrFail(Order, { id: order.id }));
      await this.audit.record(manager, {
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
    const [row] = await this.dataSource.query(
      `SELECT ${this.columns()}, (SELECT full_name FROM person WHERE id = o.person_id) AS "personName",
              (SELECT coalesce(sum(planned_minutes), 0)::int FROM assignment
                WHERE order_id = o.id AND status IN ${PENDING_STATUSES}) AS "scheduledMinutes"
         FROM court_order o WHERE o.id = $1`,
      [id],
    );
    const { personName, scheduledMinutes, ...order } = this.access.requireLoaded(user, 'order.read', row);
    const amount = order.replacedAmountRupiah as string | null;
    return toOrderView(
      { ...order, replacedAmountRupiah: amount === null ? null : Number(amount) },
      scheduledMinutes,
      personName,
    );
  }

  /** The order's columns under their property names: a plain row shaped like the entity. */
  private columns(): string {
    this.orderColumns ??= this.dataSource
      .getMetadata(Order)
      .columns.map((column) => `o.${column.databaseName} AS "${column.propertyName}"`)
      .join(', ');
    return this.orderColumns;
  }

  async list(user: AuthUser, query: OrderListQuery): Promise<Page<OrderView>> {
    const scope = user.role === 'prosecutor' ? { kejaksaanId: user.agencyId } : { bapasId: user.agencyId };
    const [orders, total] = await this.dataSource.getRepository(Order).findAndCount({
      where: {
        ...scope,
        ...(query.status ? { status: query.status } : {}),
        ...(query.personId ? { personId: query.personId } : {}),
      },
      order: { createdAt: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    const manager = this.dataSource.manager;
    return { items: await Promise.all(orders.map((order) => this.view(manager, order))), total };
  }

  /** The order, for a user who may read it. */
  readable(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<Order> {
    return this.allowed(manager, user, 'order.read', id, lock);
  }

  /** The order, for a supervisor of its Bapas: who changes what happens under it. */
  supervised(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<Order> {
    return this.allowed(manager, user, 'order.supervise', id, lock);
  }

  private async allowed(
    manager: EntityManager,
    user: AuthUser,
    permission: 'order.read' | 'order.supervise',
    id: string,
    lock: boolean,
  ): Promise<Order> {
    const order = await manager.findOne(Order, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return this.access.requireLoaded(user, permission, order);
  }

  /** under a breach report the order takes no bookings and no plans until the prosecutor decides. */
  async enterBreach(manager: EntityManager, actorId: string | null, order: Order): Promise<void> {
    await this.changeStatus(manager, actorId, order, { status: 'breached' }, 'order.breached');
  }

  /** Art. 85(7): back to work (with the minutes to repeat and their new period), or closed by the decision. */
  async applyDecision(
    manager: EntityManager,
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
      manager,
      actorId,
      order,
      { status: outcome.status, ...repeat },
      outcome.status === 'active' ? 'order.resumed' : 'order.closed',
    );
  }

  /** A corrected decision: the order's status and repeat terms as the correction leaves them. */
  async applyCorrection(
    manager: EntityManager,
    actorId: string,
    order: Order,
    change: Pick<Order, 'status' | 'repeatMinutes' | 'repeatFrom' | 'endDate'>,
  ): Promise<void> {
    await this.changeStatus(manager, actorId, order, change, 'order.decision_corrected');
  }

  private async changeStatus(
    manager: EntityManager,
    actorId: string | null,
    order: Order,
    change: Partial<Order>,
    action: string,
  ) {
    const before = await this.view(manager, order);
    await manager.update(Order, { id: order.id }, change);
    const after = await this.view(manager, await manager.findOneByOrFail(Order, { id: order.id }));
    await this.audit.record(manager, { actorId, action, entityType: 'order', entityId: order.id, before, after });
  }

  async view(manager: EntityManager, order: Order): Promise<OrderView> {
    const [{ scheduled, person_name }] = await manager.query(
      `SELECT (SELECT coalesce(sum(planned_minutes), 0)::int FROM assignment
                WHERE order_id = $1 AND status IN ${PENDING_STATUSES}) AS scheduled,
              (SELECT full_name FROM person WHERE id = $2) AS person_name`,
      [order.id, order.personId],
    );
    return toOrderView(order, scheduled, person_name);
  }

  private async kejaksaanFor(manager: EntityManager, actor: AuthUser, dto: CreateOrderDto): Promise<string> {
    if (dto.prosecutorId) {
      const prosecutor = await manager.findOneBy(User, { id: dto.prosecutorId });
      if (!prosecutor) throw unknownReference('prosecutorId', 'user');
      assertValid(prosecutor.role === 'prosecutor' ? [] : [{ field: 'prosecutorId', code: 'order.not_a_prosecutor' }]);
      return prosecutor.agencyId;
    }
    if (dto.kejaksaanId) {
      const office = await manager.findOneBy(Agency, { id: dto.kejaksaanId });
      if (!office) throw unknownReference('kejaksaanId', 'agency');
      assertValid(office.kind === 'kejaksaan' ? [] : [{ field: 'kejaksaanId', code: 'order.not_a_kejaksaan' }]);
      return office.id;
    }
    const bapas = await manager.findOneByOrFail(Agency, { id: actor.agencyId });
    const offices = await manager.findBy(Agency, { kind: 'kejaksaan', region: bapas.region });
    if (offices.length !== 1) throw badRequest([{ field: 'prosecutorId', code: 'order.kejaksaan_needed' }]);
    return offices[0].id;
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
