import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service.js';
import { Agency } from '../agencies/agency.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { SignedInUsers } from '../common/auth/signed-in-users.js';
import { Clock } from '../common/clock.js';
import { assertValid, conflict, DomainError, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { AppConfig } from '../config/app-config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import {
  accountStatus,
  AccountStatus,
  activationCodeHash,
  activationRefusal,
  newActivationCode,
} from './account.rules.js';
import { ActivateDto, CreateUserDto, SeedUserDto, UpdateUserDto } from './dto.js';
import { User } from './user.entity.js';

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

/** Which kinds of agency each role belongs to (R-26: scope follows the agency). */
const ROLE_AGENCY_KINDS: Record<User['role'], Agency['kind'][]> = {
  admin: ['bapas', 'kejaksaan', 'opd', 'kanwil'],
  supervisor: ['bapas'],
  prosecutor: ['kejaksaan'],
  coordinator: ['opd', 'bapas'],
  oversight: ['kanwil'],
};

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly signedIn: SignedInUsers,
  ) {}

  async create(actor: AuthUser | null, dto: CreateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertFits(manager, dto.role, dto.agencyId);
      if (await manager.existsBy(User, { username: dto.username })) {
        throw conflict({ field: 'username', code: 'user.username_taken' });
      }
      const user = await manager.save(
        manager.create(User, {
          username: dto.username,
          passwordHash: null,
          fullName: dto.fullName,
          role: dto.role,
          agencyId: dto.agencyId,
          phone: dto.phone ? normalisePhone(dto.phone) : null,
          active: true,
        }),
      );
      if (user.phone) await this.sendActivationCode(manager, user);
      const view = await this.view(manager, user.id);
      await this.audit.record(manager, {
        actorId: actor?.id ?? null,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: view,
      });
      await this.tellHead(manager, view, actor, 'akun dibuat (menunggu aktivasi oleh pemiliknya)');
      return view;
    });
  }

  /** The demo's users (only ever with SEED_DEMO, refused in production): active at once with the known password. */
  async seedActivated(dto: SeedUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertFits(manager, dto.role, dto.agencyId);
      const user = await manager.save(
        manager.create(User, {
          username: dto.username,
          passwordHash: await argon2.hash(dto.password),
          fullName: dto.fullName,
          role: dto.role,
          agencyId: dto.agencyId,
          phone: dto.phone ? normalisePhone(dto.phone) : null,
          active: true,
        }),
      );
      const view = await this.view(manager, user.id);
      await this.audit.record(manager, {
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
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [row]: {
        id: string;
        activation_code_hash: string | null;
        activation_expires_at: Date | null;
        activation_attempts: number;
      }[] = await manager.query(
        `SELECT id, activation_code_hash, activation_expires_at, activation_attempts FROM app_user
            WHERE username = $1 AND active FOR UPDATE`,
        [dto.username.toLowerCase()],
      );
      const refusal = row
        ? activationRefusal(
            {
              codeHash: row.activation_code_hash,
              expiresAt: row.activation_expires_at,
              attempts: row.activation_attempts,
            },
            activationCodeHash(row.id, dto.code),
            this.clock.now(),
          )
        : 'account.activation_not_pending';
      if (refusal) {
        // Kept: the wrong try counts even though the request is refused.
        if (refusal === 'account.activation_code_wrong') {
          await manager.query(`UPDATE app_user SET activation_attempts = activation_attempts + 1 WHERE id = $1`, [
            row.id,
          ]);
        }
        return { refusal, user: null };
      }
      const before = await this.view(manager, row.id);
      await manager.query(
        `UPDATE app_user SET password_hash = $2, activation_code_hash = NULL, activation_expires_at = NULL, activation_attempts = 0,
                failed_logins = 0, locked_until = NULL WHERE id = $1`,
        [row.id, passwordHash],
      );
      const after = await this.view(manager, row.id);
      await this.audit.record(manager, {
        actorId: row.id,
        action: 'user.activated',
        entityType: 'user',
        entityId: row.id,
        before,
        after,
      });
      return { refusal: null, user: await manager.findOneByOrFail(User, { id: row.id }) };
    });
    if (!outcome.user) throw new DomainError(409, [{ field: 'code', code: outcome.refusal! }]);
    return outcome.user;
  }

  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id: actor.id })
      .getOne();
    if (!user?.passwordHash || !(await argon2.verify(user.passwordHash, currentPassword))) {
      throw new DomainError(409, [{ field: 'currentPassword', code: 'account.wrong_password' }]);
    }
    const passwordHash = await argon2.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [actor.id, passwordHash]);
      await this.audit.record(manager, {
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
      async (manager, user) => {
        if (!user.phone) throw conflict({ code: 'user.no_phone' });
        await manager.query(`UPDATE app_user SET password_hash = NULL WHERE id = $1`, [id]);
        await this.sendActivationCode(manager, user);
      },
    );
  }

  /** Tokens of a deactivated account are refused at once: every request reads the account. */
  deactivate(actor: AuthUser, id: string): Promise<UserView> {
    if (actor.id === id) throw conflict({ code: 'user.not_yourself' });
    return this.change(actor, id, 'user.deactivated', 'akun dinonaktifkan', async (manager, user) => {
      if (!user.active) throw conflict({ code: 'user.already_so' });
      await manager.query(`UPDATE app_user SET active = false WHERE id = $1`, [id]);
    });
  }

  reactivate(actor: AuthUser, id: string): Promise<UserView> {
    return this.change(actor, id, 'user.reactivated', 'akun diaktifkan kembali', async (manager, user) => {
      if (user.active) throw conflict({ code: 'user.already_so' });
      await manager.query(`UPDATE app_user SET active = true WHERE id = $1`, [id]);
    });
  }

  unlock(actor: AuthUser, id: string): Promise<UserView> {
    return this.change(actor, id, 'user.unlocked', 'kunci akun dibuka', async (manager) => {
      await manager.query(`UPDATE app_user SET locked_until = NULL, failed_logins = 0 WHERE id = $1`, [id]);
    });
  }

  /** Role and agency changes are told to the heads of both agencies concerned. */
  update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.change(
      actor,
      id,
      'user.updated',
      'data akun diubah (peran, instansi, nama atau telepon)',
      async (manager, user) => {
        const role = dto.role ?? user.role;
        const agencyId = dto.agencyId ?? user.agencyId;
        await this.assertFits(manager, role, agencyId);
        await manager.update(
          User,
          { id },
          {
            role,
            agencyId,
            ...(dto.fullName !== undefined ? { fullName: dto.fullName } : {}),
            ...(dto.phone !== undefined ? { phone: dto.phone === null ? null : normalisePhone(dto.phone) } : {}),
          },
        );
        if (agencyId !== user.agencyId)
          await this.tellHead(
            manager,
            await this.view(manager, id),
            actor,
            'akun dipindahkan dari instansi lain',
            user.agencyId,
          );
      },
    );
  }

  async list(query: PageQuery): Promise<Page<UserView>> {
    const [items, total] = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .orderBy('user.username', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: items.map(toUserView), total };
  }

  private async change(
    actor: AuthUser,
    id: string,
    action: string,
    told: string,
    apply: (manager: EntityManager, user: User) => Promise<void>,
  ): Promise<UserView> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const [locked] = await manager.query(`SELECT id FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw notFound('user');
      const user = await manager.findOneByOrFail(User, { id });
      const before = await this.view(manager, id);
      await apply(manager, user);
      const after = await this.view(manager, id);
      await this.audit.record(manager, { actorId: actor.id, action, entityType: 'user', entityId: id, before, after });
      await this.tellHead(manager, after, actor, told);
      return after;
    });
    await this.signedIn.forget(id);
    return changed;
  }

  private async assertFits(manager: EntityManager, role: User['role'], agencyId: string): Promise<void> {
    const agency = await manager.findOneBy(Agency, { id: agencyId });
    if (!agency) throw unknownReference('agencyId', 'agency');
    assertValid(
      ROLE_AGENCY_KINDS[role].includes(agency.kind)
        ? []
        : [{ field: 'role', code: 'user.role_agency_mismatch', params: { role, kind: agency.kind } }],
    );
  }

  private async sendActivationCode(manager: EntityManager, user: User): Promise<void> {
    const code = newActivationCode();
    const expires = DateTime.fromJSDate(this.clock.now()).plus({ hours: this.config.ACTIVATION_TTL_HOURS });
    await manager.query(
      `UPDATE app_user SET activation_code_hash = $2, activation_expires_at = $3, activation_attempts = 0 WHERE id = $1`,
      [user.id, activationCodeHash(user.id, code), expires.toJSDate()],
    );
    await this.notifications.notify(manager, {
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

  private async tellHead(
    manager: EntityManager,
    user: UserView,
    actor: AuthUser | null,
    change: string,
    agencyId = user.agencyId,
  ) {
    const head = await this.agencies.headOf(manager, agencyId);
    if (!head || head === actor?.id) return;
    await this.notifications.notify(manager, {
      recipient: { type: 'user', id: head },
      reason: 'account_changed',
      subjectKey: randomUUID(),
      params: () => ({ username: user.username, fullName: user.fullName, change, actor: actor?.username ?? 'sistem' }),
    });
  }

  private async view(manager: EntityManager, id: string): Promise<UserView> {
    const user = await manager
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id })
      .getOneOrFail();
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
