import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { SignedInUsers } from '../common/auth/signed-in-users.js';
import { Clock } from '../common/clock.js';
import { assertValid, conflict, DomainError, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import {
  accountStatus,
  AccountStatus,
  activationCodeHash,
  activationRefusal,
  newActivationCode,
} from './account.rules.js';
import { ActivateDto, CreateUserDto, SeedUserDto, UpdateUserDto, UserListQuery } from './dto.js';
import { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';

defineMessages({
  'user.role_agency_mismatch': {
    id: 'Peran {role} tidak cocok dengan instansi jenis {kind}.',
    en: 'Role {role} does not fit an agency of kind {kind}.',
  },
  'user.username_taken': { id: 'Nama pengguna sudah dipakai.', en: 'The username is taken.' },
  'user.no_phone': {
    id: 'Pengguna ini belum punya nomor telepon: kode aktivasi tidak bisa dikirim.',
    en: "This user has no phone number: the activation code can't be sent.",
  },
  'user.not_yourself': {
    id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    en: "You can't deactivate your own account.",
  },
  'user.already_so': { id: 'Akun sudah dalam keadaan itu.', en: 'The account is in that state already.' },
  'account.activation_not_pending': {
    id: 'Tidak ada kode aktivasi yang berlaku untuk akun ini; minta admin mengirim yang baru.',
    en: 'There is no valid activation code for this account; ask an administrator for a new one.',
  },
  'account.activation_expired': { id: 'Kode aktivasi sudah kedaluwarsa.', en: 'The activation code has expired.' },
  'account.activation_code_wrong': { id: 'Kode aktivasi salah.', en: 'The activation code is wrong.' },
  'account.wrong_password': { id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' },
});

type Agency = NonNullable<Awaited<ReturnType<AgenciesService['find']>>>;

/** Which kinds of agency each role belongs to (R-26: scope follows the agency). */
const ROLE_AGENCY_KINDS: Record<User['role'], Agency['kind'][]> = {
  admin: ['bapas', 'kejaksaan', 'opd', 'kanwil'],
  supervisor: ['bapas'],
  prosecutor: ['kejaksaan'],
  coordinator: ['opd', 'bapas'],
  oversight: ['kanwil'],
};

/** The signed-in user with their own agency: its zone is where their desk's days begin and end. */
export type SignedInView = AuthUser & { agency: Pick<Agency, 'name' | 'timezone'> };

export type UserView = Omit<User, 'passwordHash' | 'activationCodeHash' | 'activationAttempts' | 'failedLogins'> & {
  status: AccountStatus;
};

/**
 * Accounts. An administrator never holds a usable password of another user: a new account, or a reset,
 * gets a one-time code sent to the owner's phone, and the owner sets the password. Creation, role and agency
 * changes, resets, deactivation and unlocking are audited and told to the head of the agency concerned.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly signedIn: SignedInUsers,
  ) {}

  async me(user: AuthUser): Promise<SignedInView> {
    const { name, timezone } = (await this.agencies.find(user.agencyId))!;
    return { ...user, agency: { name, timezone } };
  }

  async create(actor: AuthUser | null, dto: CreateUserDto): Promise<UserView> {
    return this.transactions.run(async (tx) => {
      await this.assertFits(tx, dto.role, dto.agencyId);
      if (await this.users.usernameTaken(dto.username, tx)) {
        throw conflict({ field: 'username', code: 'user.username_taken' });
      }
      const user = await this.users.insert(
        {
          username: dto.username,
          passwordHash: null,
          fullName: dto.fullName,
          role: dto.role,
          agencyId: dto.agencyId,
          phone: dto.phone ? normalisePhone(dto.phone) : null,
          active: true,
        },
        tx,
      );
      if (user.phone) await this.sendActivationCode(tx, user);
      const view = await this.view(user.id, tx);
      await this.audit.record(tx, {
        actorId: actor?.id ?? null,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: view,
      });
      await this.tellHead(tx, view, actor, 'akun dibuat (menunggu aktivasi oleh pemiliknya)');
      return view;
    });
  }

  /** The demo's users (only ever with SEED_DEMO, refused in production): active at once with the known password. */
  async seedActivated(dto: SeedUserDto): Promise<UserView> {
    return this.transactions.run(async (tx) => {
      await this.assertFits(tx, dto.role, dto.agencyId);
      const user = await this.users.insert(
        {
          username: dto.username,
          passwordHash: await argon2.hash(dto.password),
          fullName: dto.fullName,
          role: dto.role,
          agencyId: dto.agencyId,
          phone: dto.phone ? normalisePhone(dto.phone) : null,
          active: true,
        },
        tx,
      );
      const view = await this.view(user.id, tx);
      await this.audit.record(tx, {
        actorId: null,
        action: 'user.seeded',
        entityType: 'user',
        entityId: user.id,
        after: view,
      });
      return view;
    });
  }

  /** The owner sets their password with the code from their phone; the answer is a sign-in. */
  async activate(dto: ActivateDto): Promise<User> {
    const passwordHash = await argon2.hash(dto.password);
    const outcome = await this.transactions.run(async (tx) => {
      const pending = await this.users.lockPendingActivation(dto.username.toLowerCase(), tx);
      const refusal = pending
        ? activationRefusal(pending, activationCodeHash(pending.id, dto.code), this.clock.now())
        : 'account.activation_not_pending';
      if (refusal) {
        // Kept: the wrong try counts even though the request is refused.
        if (refusal === 'account.activation_code_wrong') await this.users.countActivationAttempt(pending!.id, tx);
        return { refusal, user: null };
      }
      const id = pending!.id;
      const before = await this.view(id, tx);
      await this.users.activate(id, passwordHash, tx);
      const after = await this.view(id, tx);
      await this.audit.record(tx, {
        actorId: id,
        action: 'user.activated',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return { refusal: null, user: await this.users.findOrFail(id, tx) };
    });
    if (!outcome.user) throw new DomainError(409, [{ field: 'code', code: outcome.refusal! }]);
    return outcome.user;
  }

  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.withPasswordHash(actor.id);
    if (!user?.passwordHash || !(await argon2.verify(user.passwordHash, currentPassword))) {
      throw new DomainError(409, [{ field: 'currentPassword', code: 'account.wrong_password' }]);
    }
    const passwordHash = await argon2.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await this.users.setPasswordHash(actor.id, passwordHash, tx);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: actor.id,
      });
    });
  }

  /** The old password stops working at once; the owner sets a new one with the code sent to their phone. */
  resetPassword(actor: AuthUser, id: string): Promise<UserView> {
    return this.change(
      actor,
      id,
      'user.password_reset',
      'kata sandi direset (kode aktivasi dikirim ke pemiliknya)',
      async (tx, user) => {
        if (!user.phone) throw conflict({ code: 'user.no_phone' });
        await this.users.setPasswordHash(id, null, tx);
        await this.sendActivationCode(tx, user);
      },
    );
  }

  /** Tokens of a deactivated account are refused at once: every request reads the account. */
  deactivate(actor: AuthUser, id: string): Promise<UserView> {
    if (actor.id === id) throw conflict({ code: 'user.not_yourself' });
    return this.change(actor, id, 'user.deactivated', 'akun dinonaktifkan', async (tx, user) => {
      if (!user.active) throw conflict({ code: 'user.already_so' });
      await this.users.update(id, { active: false }, tx);
    });
  }

  reactivate(actor: AuthUser, id: string): Promise<UserView> {
    return this.change(actor, id, 'user.reactivated', 'akun diaktifkan kembali', async (tx, user) => {
      if (user.active) throw conflict({ code: 'user.already_so' });
      await this.users.update(id, { active: true }, tx);
    });
  }

  unlock(actor: AuthUser, id: string): Promise<UserView> {
    return this.change(actor, id, 'user.unlocked', 'kunci akun dibuka', (tx) => this.users.unlock(id, tx));
  }

  /** Role and agency changes are told to the heads of both agencies concerned. */
  update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.change(
      actor,
      id,
      'user.updated',
      'data akun diubah (peran, instansi, nama atau telepon)',
      async (tx, user) => {
        const role = dto.role ?? user.role;
        const agencyId = dto.agencyId ?? user.agencyId;
        await this.assertFits(tx, role, agencyId);
        await this.users.update(
          id,
          {
            role,
            agencyId,
            ...(dto.fullName !== undefined ? { fullName: dto.fullName } : {}),
            ...(dto.phone !== undefined ? { phone: dto.phone === null ? null : normalisePhone(dto.phone) } : {}),
          },
          tx,
        );
        if (agencyId !== user.agencyId)
          await this.tellHead(tx, await this.view(id, tx), actor, 'akun dipindahkan dari instansi lain', user.agencyId);
      },
    );
  }

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const [items, total] = await this.users.page(query);
    return { items: items.map(toUserView), total };
  }

  get(id: string): Promise<UserView> {
    return this.view(id);
  }

  private async change(
    actor: AuthUser,
    id: string,
    action: string,
    told: string,
    apply: (tx: Tx, user: User) => Promise<void>,
  ): Promise<UserView> {
    const changed = await this.transactions.run(async (tx) => {
      if (!(await this.users.lock(id, tx))) throw notFound('user');
      const user = await this.users.findOrFail(id, tx);
      const before = await this.view(id, tx);
      await apply(tx, user);
      const after = await this.view(id, tx);
      await this.audit.record(tx, { actorId: actor.id, action, entityType: 'user', entityId: id, before, after });
      await this.tellHead(tx, after, actor, told);
      return after;
    });
    await this.signedIn.forget(id);
    return changed;
  }

  private async assertFits(tx: Tx, role: User['role'], agencyId: string): Promise<void> {
    const agency = await this.agencies.find(agencyId, tx);
    if (!agency) throw unknownReference('agencyId', 'agency');
    assertValid(
      ROLE_AGENCY_KINDS[role].includes(agency.kind)
        ? []
        : [{ field: 'role', code: 'user.role_agency_mismatch', params: { role, kind: agency.kind } }],
    );
  }

  private async sendActivationCode(tx: Tx, user: User): Promise<void> {
    const code = newActivationCode();
    const expires = DateTime.fromJSDate(this.clock.now()).plus({ hours: this.config.ACTIVATION_TTL_HOURS });
    await this.users.setActivationCode(user.id, activationCodeHash(user.id, code), expires.toJSDate(), tx);
    await this.notifications.notify(tx, {
      recipient: { type: 'user', id: user.id },
      reason: 'account_activation',
      subjectKey: randomUUID(),
      params: () => ({
        username: user.username,
        code,
        expires: expires.setZone('Asia/Jakarta').toFormat('dd-MM-yyyy HH:mm'),
      }),
    });
  }

  private async tellHead(tx: Tx, user: UserView, actor: AuthUser | null, change: string, agencyId = user.agencyId) {
    const head = await this.agencies.headOf(tx, agencyId);
    if (!head || head === actor?.id) return;
    await this.notifications.notify(tx, {
      recipient: { type: 'user', id: head },
      reason: 'account_changed',
      subjectKey: randomUUID(),
      params: () => ({ username: user.username, fullName: user.fullName, change, actor: actor?.username ?? 'sistem' }),
    });
  }

  private async view(id: string, tx?: Tx): Promise<UserView> {
    const user = await this.users.withPasswordHash(id, tx);
    if (!user) throw notFound('user');
    return toUserView(user);
  }
}

export function toUserView(user: User): UserView {
  const {
    passwordHash,
    activationCodeHash: _code,
    activationAttempts: _attempts,
    failedLogins: _failed,
    ...view
  } = user;
  return { ...view, status: accountStatus({ active: user.active, hasPassword: Boolean(passwordHash) }) };
}
