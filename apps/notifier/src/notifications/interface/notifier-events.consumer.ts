import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EventOf, OnStreamEvent, RedisStreamsContext } from '@choice-sherpa/events';
import { ProjectSummaryFacts, SummaryFactEvent } from '../application/project-summary-facts';
import { QueueCycleSummary } from '../application/queue-cycle-summary';
import { MembershipEvent, RecordMembershipChange } from '../application/record-membership-change';

/** Thin: each event goes to its use case inside the idempotent transaction the transport opened for it. */
@Controller()
export class NotifierEventsConsumer {
  constructor(
    private readonly memberships: RecordMembershipChange,
    private readonly facts: ProjectSummaryFacts,
    private readonly summaries: QueueCycleSummary,
  ) {}

  @OnStreamEvent(['membership.created', 'membership.upgraded', 'membership.cancelled'], { handler: 'email-when-membership-changes' })
  async onMembership(@Payload() event: MembershipEvent, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.memberships.execute(context.requireManager(), event);
  }

  @OnStreamEvent(
    ['session.created', 'session.renamed', 'cycle.branched', 'component.output_updated', 'component.completed', 'analysis.pugh_computed'],
    { handler: 'project-cycle-summary-facts' },
  )
  async onSummaryFact(@Payload() event: SummaryFactEvent, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.facts.execute(context.requireManager(), event);
  }

  @OnStreamEvent('cycle.completed', { handler: 'email-summary-when-cycle-completed' })
  async onCycleCompleted(@Payload() event: EventOf<'cycle.completed'>, @Ctx() context: RedisStreamsContext): Promise<void> {
    await this.summaries.execute(context.requireManager(), event);
  }
}
