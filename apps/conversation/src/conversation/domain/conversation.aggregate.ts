import { summarizeOutput, type ComponentOutput, type ComponentType } from '@choice-sherpa/events/outputs';
import { v7 as uuidv7 } from 'uuid';
import { AggregateRoot } from '@choice-sherpa/events/raising';
import { COMPONENT_GUIDES } from './component-guides';
import { ComponentLockedError, InvalidMessageError, NothingToReplyError, ReplyPendingError } from './conversation-errors';
import type { ConversationPhase, ConversationState } from './conversation-state';
import { contentPreview, MAX_MESSAGE_CHARS, type Message } from './message';
import { phaseAfter, phaseWhilePending, planTurn, type TurnOutcome, type TurnPlan } from './turn';

export interface ConversationSnapshot {
  id: string;
  session_id: string;
  cycle_id: string;
  component_id: string;
  component_type: ComponentType;
  state: ConversationState;
  phase: ConversationPhase;
  inherited_from: string | null;
  /** The output the user confirmed (what conversation.data_extracted carried). */
  extracted_output: ComponentOutput | null;
  /** The output proposed and awaiting the user's confirmation. */
  proposed_output: ComponentOutput | null;
  user_message_count: number;
  /** The component is complete in session-cycle: no messages until it is marked for revision. */
  component_locked: boolean;
  /** The user message whose reply is still missing (generation failed or is running). */
  awaiting_reply_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface ComponentRef {
  sessionId: string;
  cycleId: string;
  componentId: string;
  componentType: ComponentType;
}

/**
 * One component's conversation. It records messages and the phase machine (DOMAIN.md "Conversations"); the
 * facilitator's words reach it only as an assistant message or a candidate output already checked against the
 * component's schema (TurnOutcome), so nothing a model writes changes anything else.
 */
export class Conversation extends AggregateRoot {
  private constructor(
    private state: ConversationSnapshot,
    version: number,
  ) {
    super(state.id, version);
  }

  /** A new conversation opened by the facilitator's greeting: conversation.started + message_sent. */
  static open(ref: ComponentRef, greeting: string, now = new Date()): { conversation: Conversation; greeting: Message } {
    const conversation = new Conversation(Conversation.initial(ref, null, now), 0);
    conversation.raiseStarted(now);
    return { conversation, greeting: conversation.addMessage('assistant', greeting, now) };
  }

  /**
   * The branch's copy of a parent conversation: the same messages under new ids, `inherited_from` the parent.
   * A copied complete component stays locked; the branch point (needs_revision) is open for the new path.
   */
  static inherit(parent: ConversationSnapshot, messages: Message[], ref: ComponentRef, branchStatus: string, now = new Date()): { conversation: Conversation; messages: Message[] } {
    const locked = branchStatus === 'complete';
    const state: ConversationSnapshot = {
      ...Conversation.initial(ref, parent.id, now),
      state: locked ? 'complete' : parent.state === 'ready' ? 'ready' : 'in_progress',
      phase: locked ? parent.phase : parent.state === 'ready' ? 'intro' : 'gather',
      extracted_output: parent.extracted_output,
      user_message_count: parent.user_message_count,
      component_locked: locked,
    };
    const conversation = new Conversation(state, 0);
    conversation.raiseStarted(now);
    const copies = messages.map((message) => ({ ...message, id: uuidv7() }));
    // A reply the parent never got is not inherited as pending: the branch starts from the last complete exchange.
    return { conversation, messages: copies };
  }

  static fromSnapshot(snapshot: ConversationSnapshot, version: number): Conversation {
    return new Conversation(structuredClone(snapshot), version);
  }

  toSnapshot(): ConversationSnapshot {
    return structuredClone(this.state);
  }

  get componentType(): ComponentType {
    return this.state.component_type;
  }

  get sessionId(): string {
    return this.state.session_id;
  }

  get awaitingReplyTo(): string | null {
    return this.state.awaiting_reply_to;
  }

  get proposedOutput(): ComponentOutput | null {
    return this.state.proposed_output;
  }

  /** Stores the user's message and decides the turn; the reply comes later (completeTurn). */
  receiveUserMessage(content: string, now = new Date()): { message: Message; plan: TurnPlan } {
    const text = content.trim();
    if (text === '') throw new InvalidMessageError('must not be blank');
    if (content.length > MAX_MESSAGE_CHARS) throw new InvalidMessageError(`must be at most ${MAX_MESSAGE_CHARS} characters`);
    if (this.state.component_locked || this.state.state === 'complete') throw new ComponentLockedError();
    if (this.state.awaiting_reply_to !== null) throw new ReplyPendingError();
    const plan = planTurn({
      phase: this.state.phase,
      userMessages: this.state.user_message_count + 1,
      minUserMessages: COMPONENT_GUIDES[this.state.component_type].minUserMessages,
      text,
      hasProposal: this.state.proposed_output !== null,
    });
    const message = this.addMessage('user', text, now);
    this.state = {
      ...this.state,
      state: this.state.state === 'ready' || this.state.state === 'confirmed' ? 'in_progress' : this.state.state,
      phase: phaseWhilePending(plan),
      user_message_count: this.state.user_message_count + 1,
      awaiting_reply_to: message.id,
      updated_at: now.toISOString(),
    };
    return { message, plan };
  }

  /** The plan for retrying the reply to the waiting user message (the same decision as when it arrived). */
  planRetry(userText: string): TurnPlan {
    if (this.state.awaiting_reply_to === null) throw new NothingToReplyError();
    if (this.state.component_locked || this.state.state === 'complete') throw new ComponentLockedError();
    return planTurn({
      phase: this.state.phase,
      userMessages: this.state.user_message_count,
      minUserMessages: COMPONENT_GUIDES[this.state.component_type].minUserMessages,
      text: userText,
      hasProposal: this.state.proposed_output !== null,
    });
  }

  /** The facilitator's reply and what the turn ended with; a confirmation raises conversation.data_extracted. */
  completeTurn(reply: string, outcome: TurnOutcome, now = new Date()): Message {
    if (this.state.awaiting_reply_to === null) throw new NothingToReplyError();
    const message = this.addMessage('assistant', reply, now);
    const confirmed = outcome.kind === 'confirmed';
    this.state = {
      ...this.state,
      phase: phaseAfter(outcome),
      state: confirmed ? 'confirmed' : this.state.state,
      proposed_output: outcome.kind === 'proposed' ? outcome.output : confirmed ? this.state.proposed_output : null,
      extracted_output: confirmed ? outcome.output : this.state.extracted_output,
      awaiting_reply_to: null,
      updated_at: now.toISOString(),
    };
    if (confirmed) {
      this.raise('conversation.data_extracted', {
        conversation_id: this.id,
        session_id: this.state.session_id,
        cycle_id: this.state.cycle_id,
        component_id: this.state.component_id,
        component_type: this.state.component_type,
        output: outcome.output,
        extraction_summary: summarizeOutput(outcome.output),
        extracted_at: now.toISOString(),
      }, now);
    }
    return message;
  }

  /** component.completed: the conversation is complete and takes no messages. */
  lockForCompletedComponent(now = new Date()): void {
    this.state = { ...this.state, state: 'complete', component_locked: true, updated_at: now.toISOString() };
  }

  /** component.marked_for_revision: open again, gathering what changes. */
  reopenForRevision(now = new Date()): void {
    const wasComplete = this.state.state === 'complete';
    this.state = {
      ...this.state,
      component_locked: false,
      state: wasComplete ? 'in_progress' : this.state.state,
      phase: wasComplete ? 'gather' : this.state.phase,
      proposed_output: wasComplete ? null : this.state.proposed_output,
      updated_at: now.toISOString(),
    };
  }

  private addMessage(role: Message['role'], content: string, now: Date): Message {
    const message: Message = { id: uuidv7(), role, content, created_at: now.toISOString() };
    this.raise('conversation.message_sent', {
      conversation_id: this.id,
      session_id: this.state.session_id,
      message_id: message.id,
      role,
      content_preview: contentPreview(content),
      sent_at: message.created_at,
    }, now);
    return message;
  }

  private raiseStarted(now: Date): void {
    const s = this.state;
    this.raise('conversation.started', {
      conversation_id: s.id,
      session_id: s.session_id,
      cycle_id: s.cycle_id,
      component_id: s.component_id,
      component_type: s.component_type,
      started_at: now.toISOString(),
    }, now);
  }

  private static initial(ref: ComponentRef, inheritedFrom: string | null, now: Date): ConversationSnapshot {
    return {
      id: uuidv7(),
      session_id: ref.sessionId,
      cycle_id: ref.cycleId,
      component_id: ref.componentId,
      component_type: ref.componentType,
      state: 'ready',
      phase: 'intro',
      inherited_from: inheritedFrom,
      extracted_output: null,
      proposed_output: null,
      user_message_count: 0,
      component_locked: false,
      awaiting_reply_to: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
  }
}
