import { Controller, Get, Inject, Query } from '@nestjs/common';
import { RequireRole } from '@choice-sherpa/platform';
import { NOTIFICATION_OUTBOX, NotificationOutbox } from '../application/ports';
import { NotificationListQuery } from './notification.requests';

/** Operators' view of the mail outbox, newest first: metadata only (ids, kind, state, attempts, SMTP codes). */
@Controller('admin/notifications')
@RequireRole('admin')
export class NotificationsAdminController {
  constructor(@Inject(NOTIFICATION_OUTBOX) private readonly outbox: NotificationOutbox) {}

  @Get()
  list(@Query() query: NotificationListQuery) {
    return this.outbox.list({ state: query.state, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }
}
