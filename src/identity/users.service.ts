import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { CreateUserDto } from './dto.js';
import { User } from './user.entity.js';

defineMessages({
  'user.role_agency_mismatch': {
    id: 'Peran {role} tidak cocok dengan instansi jenis {kind}.',
    en: 'Role {role} does not fit an agency of kind {kind}.',
  },
  'user.username_taken': { id: 'Nama pengguna sudah dipakai.', en: 'The username is taken.' },
});

/** Which kinds of agency each role belongs to (R-26: scope follows the agency). */
const ROLE_AGENCY_KINDS: Record<User['role'], Agency['kind'][]> = {
  admin: ['bapas', 'kejaksaan', 'opd', 'kanwil'],
  supervisor: ['bapas'],
  prosecutor: ['kejaksaan'],
  coordinator: ['opd', 'bapas'],
};

export type UserView = Omit<User, 'passwordHash'>;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser | null, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await argon2.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const agency = await manager.findOneBy(Agency, { id: dto.agencyId });
      if (!agency) throw unknownReference('agencyId', 'agency');
      assertValid(
        ROLE_AGENCY_KINDS[dto.role].includes(agency.kind)
          ? []
          : [{ field: 'role', code: 'user.role_agency_mismatch', params: { role: dto.role, kind: agency.kind } }],
      );
      if (await manager.existsBy(User, { username: dto.username })) {
        throw conflict({ field: 'username', code: 'user.username_taken' });
      }
      const user = await manager.save(
        manager.create(User, {
          username: dto.username,
          passwordHash,
          fullName: dto.fullName,
          role: dto.role,
          agencyId: dto.agencyId,
          phone: dto.phone ? normalisePhone(dto.phone) : null,
          active: true,
        }),
      );
      const view = toUserView(user);
      await this.audit.record(manager, {
        actorId: actor?.id ?? null,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: view,
      });
      return view;
    });
  }

  async list(query: PageQuery): Promise<Page<UserView>> {
    const [items, total] = await this.dataSource
      .getRepository(User)
      .findAndCount({ order: { username: 'ASC' }, take: query.limit, skip: query.offset });
    return { items: items.map(toUserView), total };
  }
}

export function toUserView(user: User): UserView {
  const { passwordHash: _, ...view } = user;
  return view;
}
