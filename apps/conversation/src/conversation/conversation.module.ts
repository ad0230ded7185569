import { Module } from '@nestjs/common';
import { CONVERSATION_SETTINGS_TOKEN, loadConversationSettings, type ConversationSettings } from '../conversation.settings';
import { InheritConversationsHandler } from './application/commands/inherit-conversations/inherit-conversations.handler';
import { OpenConversationHandler } from './application/commands/open-conversation/open-conversation.handler';
import { RecordMembershipHandler } from './application/commands/record-membership/record-membership.handler';
import { RecordSessionOwnerHandler } from './application/commands/record-session-owner/record-session-owner.handler';
import { RetryReplyHandler } from './application/commands/retry-reply/retry-reply.handler';
import { SendMessageHandler } from './application/commands/send-message/send-message.handler';
import { TrackComponentHandler } from './application/commands/track-component/track-component.handler';
import { ConversationMetrics } from './application/conversation-metrics.port';
import { ConversationRepository } from './application/conversation-repository.port';
import { Facilitator } from './application/facilitator.port';
import { IdempotencyRepository } from './application/idempotency-repository.port';
import { ProjectionsRepository } from './application/projections-repository.port';
import { GetConversationHandler } from './application/queries/get-conversation/get-conversation.handler';
import { ReplyGenerator } from './application/reply-generator';
import { TurnRunner } from './application/turn-runner';
import { UsageRepository } from './application/usage-repository.port';
import { PromConversationMetrics } from './infrastructure/conversation.metrics';
import { PgConversationRepository } from './infrastructure/conversation.repository';
import { PgIdempotencyRepository } from './infrastructure/idempotency.repository';
import { IdempotencyKeyRetention } from './infrastructure/idempotency-key-retention';
import { MeteredFacilitator } from './infrastructure/metered.facilitator';
import { OfflineFacilitator } from './infrastructure/offline/offline.facilitator';
import { OpenAiFacilitator } from './infrastructure/openai/openai.facilitator';
import { PgProjectionsRepository } from './infrastructure/projections.repository';
import { PgUsageRepository } from './infrastructure/usage.repository';
import { ConversationEventsConsumer } from './interface/conversation-events.consumer';
import { ConversationsController } from './interface/conversations.controller';

const commandHandlers = [
  SendMessageHandler,
  RetryReplyHandler,
  OpenConversationHandler,
  InheritConversationsHandler,
  TrackComponentHandler,
  RecordSessionOwnerHandler,
  RecordMembershipHandler,
];
const queryHandlers = [GetConversationHandler];
/** The application's ports and their implementations. */
const ports = [
  { provide: ConversationRepository, useClass: PgConversationRepository },
  { provide: ProjectionsRepository, useClass: PgProjectionsRepository },
  { provide: UsageRepository, useClass: PgUsageRepository },
  { provide: IdempotencyRepository, useClass: PgIdempotencyRepository },
  { provide: ConversationMetrics, useClass: PromConversationMetrics },
];
const services = [ReplyGenerator, TurnRunner, IdempotencyKeyRetention];

/** The facilitator chosen by AI_PROVIDER, metered. */
function facilitatorFor(settings: ConversationSettings): Facilitator {
  return new MeteredFacilitator(settings.provider === 'openai' ? new OpenAiFacilitator(settings) : new OfflineFacilitator());
}

@Module({
  controllers: [ConversationsController, ConversationEventsConsumer],
  providers: [
    { provide: CONVERSATION_SETTINGS_TOKEN, useFactory: () => loadConversationSettings() },
    { provide: Facilitator, inject: [CONVERSATION_SETTINGS_TOKEN], useFactory: facilitatorFor },
    ...commandHandlers,
    ...queryHandlers,
    ...ports,
    ...services,
  ],
})
export class ConversationModule {}
