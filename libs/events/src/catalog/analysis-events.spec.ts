import { samplePayload, SAMPLE_IDS } from './testing/sample-payloads';
import { createEvent } from '../raising/event-factory';
import { validatePendingEvent } from '../parse/validate-pending-event';

const pugh = (payload: Record<string, unknown>) =>
  validatePendingEvent(createEvent('analysis.pugh_computed', { aggregateId: SAMPLE_IDS.cycle, payload: payload as never, metadata: { correlationId: 'c' } }));
const dq = (payload: Record<string, unknown>) =>
  validatePendingEvent(createEvent('analysis.dq_computed', { aggregateId: SAMPLE_IDS.cycle, payload: payload as never, metadata: { correlationId: 'c' } }));

describe('analysis payloads: ranks, best alternative, priorities and acceptable were added without a version bump', () => {
  it('events written before the additions still validate', () => {
    const { ranks: _ranks, best_alternative_id: _best, ...v1Pugh } = samplePayload('analysis.pugh_computed');
    const { acceptable: _acceptable, ...v1Dq } = samplePayload('analysis.dq_computed');
    expect(pugh(v1Pugh)).toEqual({ ok: true });
    expect(dq({ ...v1Dq, element_scores: v1Dq.element_scores.map(({ name, score }) => ({ name, score })) })).toEqual({ ok: true });
  });

  it('a tie is a null best alternative', () => {
    expect(pugh({ ...samplePayload('analysis.pugh_computed'), best_alternative_id: null })).toEqual({ ok: true });
  });

  it('refuses ill-typed additions, naming the field', () => {
    expect(pugh({ ...samplePayload('analysis.pugh_computed'), ranks: { a1: 1.5 } })).toMatchObject({ ok: false, reason: { fields: ['payload.ranks'] } });
    expect(pugh({ ...samplePayload('analysis.pugh_computed'), best_alternative_id: '' })).toMatchObject({ ok: false, reason: { fields: ['payload.best_alternative_id'] } });
    expect(dq({ ...samplePayload('analysis.dq_computed'), acceptable: 'yes' })).toMatchObject({ ok: false, reason: { fields: ['payload.acceptable'] } });
    const elements = [{ name: 'Clear Objectives', score: 10, improvement_priority: 'urgent' }];
    expect(dq({ ...samplePayload('analysis.dq_computed'), element_scores: elements })).toMatchObject({ ok: false, reason: { code: 'invalid_payload' } });
  });
});
