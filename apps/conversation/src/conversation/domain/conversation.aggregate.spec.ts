import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { validatePendingEvent } from '@choice-sherpa/events/parse';
import { v7 as uuidv7 } from 'uuid';
import { Conversation } from './conversation.aggregate';
import { greetingFor } from './component-guides';
import { planTurn } from './turn';
import { signalsConfirmation, signalsDone } from './user-signals';

const META = { correlationId: uuidv7(), userId: 'user-1' };
const ref = (componentType: 'alternatives' | 'notes_next_steps' = 'alternatives') => ({ sessionId: uuidv7(), cycleId: uuidv7(), componentId: uuidv7(), componentType });

describe('Conversation', () => {
  it('opens with the greeting: conversation.started then message_sent, both valid catalog events', () => {
    const { conversation, greeting } = Conversation.open(ref(), greetingFor('alternatives'));
    const events = conversation.pullEvents(META);
    expect(events.map((e) => e.event_type)).toEqual(['conversation.started', 'conversation.message_sent']);
    expect(events[1].payload).toMatchObject({ role: 'assistant', message_id: greeting.id, content_preview: Array.from(greeting.content).slice(0, 100).join('') });
    for (const event of events) expect(validatePendingEvent(event)).toEqual({ ok: true });
    expect(conversation.toSnapshot()).toMatchObject({ state: 'ready', phase: 'intro' });
  });

  it('gathers until the minimum, then extracts; a proposal confirmed raises data_extracted with the output', () => {
    const { conversation } = Conversation.open(ref(), 'hi');
    conversation.pullEvents(META);
    const first = conversation.receiveUserMessage('- Stay');
    expect(first.plan).toBe('gather');
    expect(conversation.toSnapshot()).toMatchObject({ state: 'in_progress', phase: 'gather', awaiting_reply_to: first.message.id });
    conversation.completeTurn('Which other option?', { kind: 'gathered' });
    expect(conversation.receiveUserMessage('- Move').plan).toBe('extract');
    expect(conversation.toSnapshot().phase).toBe('extract');
    conversation.completeTurn('Here it is', { kind: 'proposed', output: SAMPLE_OUTPUTS.alternatives });
    expect(conversation.toSnapshot()).toMatchObject({ phase: 'confirm', proposed_output: SAMPLE_OUTPUTS.alternatives });
    conversation.pullEvents(META);
    expect(conversation.receiveUserMessage('yes').plan).toBe('confirm');
    conversation.completeTurn('Saved', { kind: 'confirmed', output: SAMPLE_OUTPUTS.alternatives });
    const events = conversation.pullEvents(META);
    expect(events.map((e) => e.event_type)).toEqual(['conversation.message_sent', 'conversation.message_sent', 'conversation.data_extracted']);
    expect(events[2].payload).toMatchObject({ component_type: 'alternatives', output: SAMPLE_OUTPUTS.alternatives, extraction_summary: 'alternatives: 2, status_quo_id: set' });
    expect(validatePendingEvent(events[2])).toEqual({ ok: true });
    expect(conversation.toSnapshot()).toMatchObject({ state: 'confirmed', extracted_output: SAMPLE_OUTPUTS.alternatives });
  });

  it('refuses a second message while the reply is missing, blank or oversized content, and messages to a complete component', () => {
    const { conversation } = Conversation.open(ref('notes_next_steps'), 'hi');
    expect(() => conversation.receiveUserMessage('  ')).toThrow(/blank/);
    expect(() => conversation.receiveUserMessage('x'.repeat(8001))).toThrow(/8000/);
    conversation.receiveUserMessage('Notes:\n- a');
    expect(() => conversation.receiveUserMessage('more')).toThrow(expect.objectContaining({ code: 'REPLY_PENDING' }));
    conversation.completeTurn('ok', { kind: 'gathered' });
    conversation.lockForCompletedComponent();
    expect(() => conversation.receiveUserMessage('more')).toThrow(expect.objectContaining({ code: 'COMPONENT_COMPLETE' }));
    conversation.reopenForRevision();
    expect(conversation.toSnapshot()).toMatchObject({ state: 'in_progress', phase: 'gather' });
    expect(conversation.receiveUserMessage('more').message.role).toBe('user');
  });

  it('a branch copy keeps the messages under new ids and points at its parent', () => {
    const { conversation: parent, greeting } = Conversation.open(ref(), 'hi');
    const branch = Conversation.inherit(parent.toSnapshot(), [greeting], ref(), 'needs_revision');
    expect(branch.conversation.toSnapshot()).toMatchObject({ inherited_from: parent.id, state: 'ready', component_locked: false });
    expect(branch.messages[0]).toMatchObject({ role: 'assistant', content: 'hi' });
    expect(branch.messages[0].id).not.toBe(greeting.id);
    expect(branch.conversation.pullEvents(META).map((e) => e.event_type)).toEqual(['conversation.started']);
  });
});

describe('the turn plan and the user\'s signals', () => {
  it('extracts at the minimum or when the user is done, confirms only a proposal, and corrects in the confirm phase', () => {
    expect(planTurn({ phase: 'gather', userMessages: 1, minUserMessages: 3, text: 'more', hasProposal: false })).toBe('gather');
    expect(planTurn({ phase: 'gather', userMessages: 1, minUserMessages: 3, text: 'That is all.\ndone', hasProposal: false })).toBe('extract');
    expect(planTurn({ phase: 'gather', userMessages: 3, minUserMessages: 3, text: 'more', hasProposal: false })).toBe('extract');
    expect(planTurn({ phase: 'confirm', userMessages: 4, minUserMessages: 3, text: 'Yes, thanks!', hasProposal: true })).toBe('confirm');
    expect(planTurn({ phase: 'confirm', userMessages: 4, minUserMessages: 3, text: 'no, add Porto', hasProposal: true })).toBe('extract');
    expect(planTurn({ phase: 'clarify', userMessages: 4, minUserMessages: 3, text: 'yes', hasProposal: false })).toBe('extract');
  });

  it('reads confirmations and done only as whole short answers', () => {
    expect(signalsConfirmation('yes')).toBe(true);
    expect(signalsConfirmation('Looks good!')).toBe(true);
    expect(signalsConfirmation('yes, but change the second one')).toBe(false);
    expect(signalsDone("that's all")).toBe(true);
    expect(signalsDone('I am not done yet with this')).toBe(false);
  });
});
