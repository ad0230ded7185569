import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DeadLetterAdminModule, OutboxModule } from '@choice-sherpa/events';
import { DevLoginModule, PlatformModule } from '@choice-sherpa/platform';
import { CycleModule } from './cycle/interface/cycle.module';
import { MembershipModule } from './membership/interface/membership.module';
import { SESSION_CYCLE_MIGRATIONS } from './migrations';
import { SessionModule } from './session/interface/session.module';
import { DomainErrorsInterceptor } from './shared/interface/domain-errors.interceptor';
import { SESSION_CYCLE_ENTITIES } from './shared/interface/entities';

/** session-cycle: sessions, cycles, components and memberships; produces through its outbox and consumes events. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'session-cycle', migrations: SESSION_CYCLE_MIGRATIONS, entities: SESSION_CYCLE_ENTITIES }),
    CqrsModule.forRoot(),
    OutboxModule.forRoot(),
    DeadLetterAdminModule,
    DevLoginModule,
    SessionModule,
    CycleModule,
    MembershipModule,
  ],
  providers: [{ provide: APP_INTERCEPTOR, useClass: DomainErrorsInterceptor }],
})
export class AppModule {}
