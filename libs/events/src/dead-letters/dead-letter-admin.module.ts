import { Module } from '@nestjs/common';
import { DeadLetterAdminController } from './dead-letter-admin.controller';
import { DeadLetterReplayService } from './dead-letter-replay.service';

/** `GET /admin/dead-letters`, `POST /admin/dead-letters/:id/replay`, `DELETE /admin/dead-letters/:id` (admin role). Needs a DataSource provider (TypeOrmModule.forRoot). */
@Module({ controllers: [DeadLetterAdminController], providers: [DeadLetterReplayService] })
export class DeadLetterAdminModule {}
