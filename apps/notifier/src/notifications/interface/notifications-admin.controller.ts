import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotificationPage } from './notification.responses';
import { RequireRole } from '@choice-sherpa/platform';
import { NOTIFICATION_OUTBOX, NotificationOutbox } from '../application/ports';
import { NotificationListQuery } from './notification.requests';

/** Operators' view of the mail outbox, newest first: metadata only (ids, kind, state, attempts, SMTP codes). */
@Controller('admin/notifications')
@ApiTags('admin')
@RequireRole('admin')
export class NotificationsAdminController {
  constructor(@Inject(NOTIFICATION_OUTBOX) private readonly outbox: NotificationOutbox) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage, description: 'Newest first; metadata only' })
  list(@Query() query: NotificationListQuery) {
    return this.outbox.list({ state: query.state, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }
}
