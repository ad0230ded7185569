import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, Payload } from '@nestjs/microservices';
import { causedBy, OnStreamEvent, RedisStreamsContext, TypedEvent } from '@choice-sherpa/events';
import { InheritConversationsCommand } from '../application/commands/inherit-conversations/inherit-conversations.command';
import { OpenConversationCommand } from '../application/commands/open-conversation/open-conversation.command';
import { RecordMembershipCommand } from '../application/commands/record-membership/record-membership.command';
import { RecordSessionOwnerCommand } from '../application/commands/record-session-owner/record-session-owner.command';
import { TrackComponentCommand } from '../application/commands/track-component/track-component.command';

/**
 * Thin stream consumers: each event becomes one command built from its fields only; the command's handler runs in the
 * delivery's idempotent transaction, the ambient one (UnitOfWork.run joins it).
 */
@Controller()
export class ConversationEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @OnStreamEvent('component.started', { handler: 'open-conversation-when-component-started' })
  async onComponentStarted(@Payload() event: TypedEvent<'component.started'>): Promise<void> {
    const p = event.payload;
    const component = { sessionId: p.session_id, cycleId: p.cycle_id, componentId: p.component_id, componentType: p.component_type };
    await this.commands.execute(new OpenConversationCommand(component, causedBy(event)));
  }

  @OnStreamEvent('cycle.branched', { handler: 'inherit-conversations-when-cycle-branched' })
  async onCycleBranched(@Payload() event: TypedEvent<'cycle.branched'>, @Ctx() context: RedisStreamsContext): Promise<void> {
    const p = event.payload;
    const copies = (p.copied_components ?? []).map((c) => ({ componentType: c.component_type, componentId: c.component_id, status: c.status }));
    const branch = { sessionId: p.session_id, cycleId: p.cycle_id, parentCycleId: p.parent_cycle_id, copies };
    await this.commands.execute(new InheritConversationsCommand(branch, context.getAttempt(), causedBy(event)));
  }

  @OnStreamEvent('component.output_updated', { handler: 'track-output-when-component-output-updated' })
  async onOutputUpdated(@Payload() event: TypedEvent<'component.output_updated'>): Promise<void> {
    const p = event.payload;
    await this.commands.execute(new TrackComponentCommand(p.cycle_id, p.component_type, { kind: 'output_updated', output: p.output }));
  }

  @OnStreamEvent('component.completed', { handler: 'lock-conversation-when-component-completed' })
  async onCompleted(@Payload() event: TypedEvent<'component.completed'>): Promise<void> {
    const p = event.payload;
    await this.commands.execute(new TrackComponentCommand(p.cycle_id, p.component_type, { kind: 'completed', output: p.output }));
  }

  @OnStreamEvent('component.marked_for_revision', { handler: 'reopen-conversation-when-component-marked-for-revision' })
  async onRevised(@Payload() event: TypedEvent<'component.marked_for_revision'>): Promise<void> {
    const p = event.payload;
    await this.commands.execute(new TrackComponentCommand(p.cycle_id, p.component_type, { kind: 'marked_for_revision' }));
  }

  @OnStreamEvent('session.created', { handler: 'record-owner-when-session-created' })
  async onSessionCreated(@Payload() event: TypedEvent<'session.created'>): Promise<void> {
    await this.commands.execute(new RecordSessionOwnerCommand(event.payload.session_id, event.payload.user_id));
  }

  @OnStreamEvent(['membership.created', 'membership.upgraded', 'membership.cancelled'], { handler: 'record-tier-when-membership-changed' })
  async onMembership(@Payload() event: TypedEvent<'membership.created' | 'membership.upgraded' | 'membership.cancelled'>): Promise<void> {
    const p = event.payload as Record<string, unknown> & { membership_id: string; user_id: string };
    const tier = event.event_type === 'membership.created' ? (p.tier as never) : event.event_type === 'membership.upgraded' ? (p.new_tier as never) : null;
    await this.commands.execute(new RecordMembershipCommand(p.membership_id, p.user_id, tier));
  }
}
