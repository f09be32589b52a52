import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { badRequest } from '../common/domain-error.js';
import { ApiProblems } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { PersonsService } from '../persons/persons.service.js';
import { NotificationQueries, type NotificationView } from './notification.queries.js';
import { NotificationPage, OptOutResponse } from './notification.response.js';

const CHANNELS = ['log', 'webhook'] as const;
type Channel = (typeof CHANNELS)[number];

/** A channel named in the path: 400 naming `channel` when it is not one of ours. */
@Injectable()
class ChannelPipe implements PipeTransform<string, Channel> {
  transform(value: string): Channel {
    if (!(CHANNELS as readonly string[]).includes(value)) {
      throw badRequest([{ field: 'channel', code: 'validation.isIn', params: { values: CHANNELS.join(', ') } }]);
    }
    return value as Channel;
  }
}

class OptOutDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel: Channel;
}

/** a coordinator sees that a message went out and how, not to which number nor what it said. */
function withoutPersonalData(notification: NotificationView): NotificationView {
  return { ...notification, to: null, text: '' };
}

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: NotificationQueries,
    private readonly policy: AccessPolicy,
    private readonly persons: PersonsService,
  ) {}

  /** What was sent about an assignment, with each delivery attempt (R-09: every stage documented). */
  @Get('assignments/:id/notifications')
  @ApiOperation({
    summary: 'What was sent about an assignment',
    description:
      'R-09: with each delivery attempt, oldest first. A coordinator sees neither the number nor the text (R-30).',
  })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems(400, 401, 403, 404)
  async forAssignment(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Query() page: PageQuery,
  ): Promise<NotificationPage> {
    await this.policy.requireAccess(user, 'assignment.read', [id]);
    const listed = await this.queries.list({ assignmentId: id }, page);
    return user.role === 'coordinator' ? { ...listed, items: listed.items.map(withoutPersonalData) } : listed;
  }

  @Get('persons/:id/notifications')
  @Roles('supervisor')
  @ApiOperation({ summary: 'What was sent to a person', description: 'With each delivery attempt, oldest first.' })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems(400, 401, 403, 404)
  async forPerson(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Query() page: PageQuery,
  ): Promise<NotificationPage> {
    await this.persons.get(user, id);
    return this.queries.list({ recipientId: id }, page);
  }

  /** A person can opt out of a channel; their supervisor records it. */
  @Post('persons/:id/opt-outs')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Opt a person out of a channel' })
  @ApiCreatedResponse({ type: OptOutResponse })
  @ApiProblems(400, 401, 403, 404)
  async optOut(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: OptOutDto,
  ): Promise<OptOutResponse> {
    await this.persons.get(user, id);
    await this.dataSource.query(
      `INSERT INTO notification_opt_out (person_id, channel) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [id, dto.channel],
    );
    return { personId: id, channel: dto.channel, optedOut: true };
  }

  @Delete('persons/:id/opt-outs/:channel')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opt a person back in to a channel' })
  @ApiParam({ name: 'channel', enum: CHANNELS })
  @ApiOkResponse({ type: OptOutResponse })
  @ApiProblems(400, 401, 403, 404)
  async optIn(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Param('channel', ChannelPipe) channel: Channel,
  ): Promise<OptOutResponse> {
    await this.persons.get(user, id);
    await this.dataSource.query(`DELETE FROM notification_opt_out WHERE person_id = $1 AND channel = $2`, [
      id,
      channel,
    ]);
    return { personId: id, channel, optedOut: false };
  }
}
