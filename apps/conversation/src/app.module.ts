import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DeadLetterAdminModule, OutboxModule } from '@choice-sherpa/events';
import { PlatformModule } from '@choice-sherpa/platform';
import { ConversationModule } from './conversation/conversation.module';
import { ConversationErrorsInterceptor } from './conversation/interface/conversation-error.mapper';
import { CONVERSATION_MIGRATIONS } from './migrations';

/** conversation: the facilitated chat of every component; produces conversation.* through its outbox. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'conversation', migrations: CONVERSATION_MIGRATIONS }),
    CqrsModule.forRoot(),
    OutboxModule.forRoot(),
    DeadLetterAdminModule,
    ConversationModule,
  ],
  providers: [{ provide: APP_INTERCEPTOR, useClass: ConversationErrorsInterceptor }],
})
export class AppModule {}
