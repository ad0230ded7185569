import type { AnyEvent } from '@choice-sherpa/events';
import { COMPONENT_TYPES } from '../../apps/dashboard-projector/src/dashboard/domain/component-types';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { JourneyEvents } from '../../apps/dashboard-projector/test/support/journey-events';

/**
 * The events of `journeys` whole decisions as the producers commit them: a session (created, renamed), a cycle whose
 * nine components each start, hold a conversation (three messages, an extraction), get an output and complete, then
 * Pugh and DQ results and the cycle's completion. 78 events per journey, journeys interleaved as users would be.
 */
export function journeyMix(journeys: number): AnyEvent[] {
  const perJourney = Array.from({ length: journeys }, (_, i) => {
    const j = new JourneyEvents();
    const sessionId = j.sessionCreated(`bench-user-${i}`).payload.session_id;
    j.sessionRenamed(sessionId, 'Which job offer?', 'Which offer, really?');
    const cycleId = j.cycleCreated(sessionId).payload.cycle_id;
    for (const type of COMPONENT_TYPES) {
      j.componentStarted(sessionId, cycleId, type);
      const conversationId = j.conversationStarted(sessionId, cycleId, type).payload.conversation_id;
      j.messageSent(sessionId, conversationId, 'assistant');
      j.messageSent(sessionId, conversationId, 'user');
      j.messageSent(sessionId, conversationId, 'assistant');
      j.dataExtracted(sessionId, cycleId, type, conversationId);
      j.componentOutput(sessionId, cycleId, type, SAMPLE_OUTPUTS[type]);
      j.componentCompleted(sessionId, cycleId, type, SAMPLE_OUTPUTS[type]);
    }
    j.pughComputed(sessionId, cycleId, { a1: 3, a2: 1 });
    j.dqComputed(sessionId, cycleId, [{ name: 'frame', score: 80 }, { name: 'alternatives', score: 70 }]);
    j.cycleCompleted(sessionId, cycleId, 70);
    return j.all;
  });
  const mixed: AnyEvent[] = [];
  for (let step = 0; step < perJourney[0].length; step++) for (const events of perJourney) mixed.push(events[step]);
  return mixed;
}
