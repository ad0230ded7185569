import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EventOf, OnStreamEvent, RedisStreamsContext } from '@choice-sherpa/events';
import { ProjectSummaryFacts, SummaryFactEvent } from '../application/project-summary-facts';
import { QueueCycleSummary } from '../application/queue-cycle-summary';
import { MembershipEvent, RecordMembershipChange } from '../application/record-membership-change';

/**
 * Thin: batch handlers. Each gets the events of a read that it has not processed yet, in stream order (per-aggregate
 * order holds), inside the read's one idempotent transaction (one processed_events statement for all of them), and
 * hands them to its use case one after another. A batch that throws rolls back and comes again one event at a time
 * (`[event]`), so a failing event is retried and dead-lettered alone, as before.
 */
@Controller()
export class NotifierEventsConsumer {
  constructor(
    private readonly memberships: RecordMembershipChange,
    private readonly facts: ProjectSummaryFacts,
    private readonly summaries: QueueCycleSummary,
  ) {}

  @OnStreamEvent(['membership.created', 'membership.upgraded', 'membership.cancelled'], { handler: 'email-when-membership-changes', batch: true })
  async onMembership(@Payload() events: MembershipEvent[], @Ctx() context: RedisStreamsContext): Promise<void> {
    const manager = context.requireManager();
    for (const event of events) await this.memberships.execute(manager, event);
  }

  @OnStreamEvent(
    ['session.created', 'session.renamed', 'cycle.branched', 'component.output_updated', 'component.completed', 'analysis.pugh_computed'],
    { handler: 'project-cycle-summary-facts', batch: true },
  )
  async onSummaryFact(@Payload() events: SummaryFactEvent[], @Ctx() context: RedisStreamsContext): Promise<void> {
    const manager = context.requireManager();
    for (const event of events) await this.facts.execute(manager, event);
  }

  @OnStreamEvent('cycle.completed', { handler: 'email-summary-when-cycle-completed', batch: true })
  async onCycleCompleted(@Payload() events: EventOf<'cycle.completed'>[], @Ctx() context: RedisStreamsContext): Promise<void> {
    const manager = context.requireManager();
    for (const event of events) await this.summaries.execute(manager, event);
  }
}
