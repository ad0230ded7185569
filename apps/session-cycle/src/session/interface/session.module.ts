import { Module } from '@nestjs/common';
import { MembershipModule } from '../../membership/interface/membership.module';
import { ArchiveSessionHandler } from '../application/commands/archive-session/archive-session.handler';
import { CreateSessionHandler } from '../application/commands/create-session/create-session.handler';
import { RenameSessionHandler } from '../application/commands/rename-session/rename-session.handler';
import { TrackSessionCycleHandler } from '../application/commands/track-session-cycle/track-session-cycle.handler';
import { GetSessionHandler } from '../application/queries/get-session/get-session.handler';
import { ListSessionsHandler } from '../application/queries/list-sessions/list-sessions.handler';
import { SessionRepository } from '../application/session-repository.port';
import { PgSessionRepository } from '../infrastructure/pg-session.repository';
import { SessionEventsConsumer } from './session-events.consumer';
import { SessionsController } from './sessions.controller';

const commandHandlers = [CreateSessionHandler, RenameSessionHandler, ArchiveSessionHandler, TrackSessionCycleHandler];
const queryHandlers = [ListSessionsHandler, GetSessionHandler];
const repositories = [{ provide: SessionRepository, useClass: PgSessionRepository }];

@Module({
  imports: [MembershipModule],
  controllers: [SessionsController, SessionEventsConsumer],
  providers: [...commandHandlers, ...queryHandlers, ...repositories],
  exports: [SessionRepository],
})
export class SessionModule {}
