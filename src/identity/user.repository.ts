import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { containing } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { User, type Role } from './user.entity.js';

/** An account's pending activation, read locked. */
export interface PendingActivation {
  id: string;
  codeHash: string | null;
  expiresAt: Date | null;
  attempts: number;
}

/** The app_user table. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  usernameTaken(username: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(User, { username });
  }

  insert(
    fields: Pick<User, 'username' | 'passwordHash' | 'fullName' | 'role' | 'agencyId' | 'phone' | 'active'>,
    tx: Tx = this.dataSource.manager,
  ): Promise<User> {
    return tx.save(tx.create(User, fields));
  }

  /** The account without its secrets. */
  findOrFail(id: string, tx: Tx = this.dataSource.manager): Promise<User> {
    return tx.findOneByOrFail(User, { id });
  }

  /** The account with its password hash (still without the activation code), or null. */
  withPasswordHash(id: string, tx: Tx = this.dataSource.manager): Promise<User | null> {
    return tx
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id })
      .getOne();
  }

  /** A page of the accounts by username, filtered as the administrator asks (`UserListQuery`). */
  page(
    filter: { q?: string; role?: Role; agencyId?: string; id?: string[]; limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<[User[], number]> {
    const builder = tx
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .orderBy('user.username', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.q) {
      builder.andWhere('(user.username ILIKE :like OR user.fullName ILIKE :like)', { like: containing(filter.q) });
    }
    if (filter.role) builder.andWhere('user.role = :role', { role: filter.role });
    if (filter.agencyId) builder.andWhere('user.agencyId = :agencyId', { agencyId: filter.agencyId });
    if (filter.id) builder.andWhere('user.id = ANY(CAST(:ids AS uuid[]))', { ids: filter.id });
    return builder.getManyAndCount();
  }

  /** Locks the account for a change; false when there is none. */
  async lock(id: string, tx: Tx): Promise<boolean> {
    const [locked] = await tx.query(`SELECT id FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    return Boolean(locked);
  }

  update(
    id: string,
    fields: Partial<Pick<User, 'role' | 'agencyId' | 'fullName' | 'phone' | 'active'>>,
    tx: Tx = this.dataSource.manager,
  ): Promise<unknown> {
    return tx.update(User, { id }, fields);
  }

  async setPasswordHash(id: string, passwordHash: string | null, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  async unlock(id: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`UPDATE app_user SET locked_until = NULL, failed_logins = 0 WHERE id = $1`, [id]);
  }

  async setActivationCode(id: string, codeHash: string, expiresAt: Date, tx: Tx = this.dataSource.manager) {
    await tx.query(
      `UPDATE app_user SET activation_code_hash = $2, activation_expires_at = $3, activation_attempts = 0 WHERE id = $1`,
      [id, codeHash, expiresAt],
    );
  }

  /** The active account's activation state, locked until the transaction ends; null when there is no such account. */
  async lockPendingActivation(username: string, tx: Tx): Promise<PendingActivation | null> {
    const [row]: PendingActivation[] = await tx.query(
      `SELECT id, activation_code_hash AS "codeHash", activation_expires_at AS "expiresAt",
              activation_attempts AS attempts FROM app_user
          WHERE username = $1 AND active FOR UPDATE`,
      [username],
    );
    return row ?? null;
  }

  async countActivationAttempt(id: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`UPDATE app_user SET activation_attempts = activation_attempts + 1 WHERE id = $1`, [id]);
  }

  /** The owner's password set: the code is spent and any lockout is lifted. */
  async activate(id: string, passwordHash: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(
      `UPDATE app_user SET password_hash = $2, activation_code_hash = NULL, activation_expires_at = NULL, activation_attempts = 0,
              failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /** Who is signed in with this id, when the account is active. */
  async signedIn(id: string, tx: Tx = this.dataSource.manager): Promise<AuthUser | null> {
    const [row]: AuthUser[] = await tx.query(
      `SELECT id, username, full_name AS "fullName", role, agency_id AS "agencyId" FROM app_user WHERE id = $1 AND active`,
      [id],
    );
    return row ?? null;
  }

  /** The active account of this username with what a login checks (password hash, failed logins), or null. */
  forLogin(username: string, tx: Tx = this.dataSource.manager): Promise<User | null> {
    return tx
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect(['user.passwordHash', 'user.failedLogins'])
      .where('user.username = :name AND user.active', { name: username })
      .getOne();
  }

  async resetFailedLogins(id: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`UPDATE app_user SET failed_logins = 0 WHERE id = $1`, [id]);
  }

  /** One more failed login; past `lockAfter` the account is locked until `lockedUntil`. */
  async countFailedLogin(
    id: string,
    lockAfter: number,
    lockedUntil: Date,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ failed_logins: number; locked: boolean } | undefined> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [{ failed_logins: number; locked: boolean }[], number] = await tx.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1 RETURNING failed_logins, failed_logins >= $2 AS locked`,
      [id, lockAfter, lockedUntil],
    );
    return row;
  }
}
