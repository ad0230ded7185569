import { SAMPLE_OUTPUTS } from '../outputs/testing/sample-outputs';
import { parseStreamEntry } from '../parse/parse-event';
import { entryOf } from '../parse/parse-test-support';
import { InvalidEventError, assertValidPendingEvent } from '../parse/validate-pending-event';
import { COMPONENT_TYPES } from '../outputs/domain-vocabulary';
import { sampleEvent } from './testing/sample-events';

const OUTPUT_EVENTS = ['component.output_updated', 'component.completed', 'conversation.data_extracted'] as const;

describe.each(OUTPUT_EVENTS)('%s carries an output valid for its component_type', (type) => {
  it.each(COMPONENT_TYPES)('accepts a valid %s output', (componentType) => {
    const event = sampleEvent(type, { payload: { component_type: componentType, output: SAMPLE_OUTPUTS[componentType] } });

    expect(parseStreamEntry(entryOf(event)).ok).toBe(true);
  });

  it('refuses another component\'s output, naming payload.output only', () => {
    const event = sampleEvent(type, { payload: { component_type: 'consequences', output: SAMPLE_OUTPUTS.alternatives } });

    const result = parseStreamEntry(entryOf(event));

    expect(result).toMatchObject({ ok: false, reason: { code: 'invalid_payload', fields: ['payload.output'] } });
  });

  it('refuses an output that breaks a bound or carries an unknown field, without echoing its values', () => {
    const secret = 'private-alternative-name';
    const tooLong = { ...SAMPLE_OUTPUTS.alternatives, alternatives: [{ id: 'a1', name: secret.repeat(10), assumptions: [] }], status_quo_id: 'a1' };
    const extra = { ...SAMPLE_OUTPUTS.alternatives, [secret]: 1 };

    for (const output of [tooLong, extra]) {
      const result = parseStreamEntry(entryOf(sampleEvent(type, { payload: { component_type: 'alternatives', output } })));
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it('is refused by the producers\' check before anything is written', () => {
    const { sequence: _sequence, ...pending } = sampleEvent(type, { payload: { component_type: 'objectives', output: { fundamental_objectives: 'many' } } });

    expect(() => assertValidPendingEvent(pending)).toThrow(InvalidEventError);
  });
});

describe('an empty output', () => {
  it('stands for "none written" in component.completed, also where {} is not a valid output', () => {
    const completed = sampleEvent('component.completed', { payload: { component_type: 'recommendation', output: {} } });

    expect(parseStreamEntry(entryOf(completed)).ok).toBe(true);
  });

  it.each(['component.output_updated', 'conversation.data_extracted'] as const)('is refused by %s where the schema refuses it', (type) => {
    const event = sampleEvent(type, { payload: { component_type: 'recommendation', output: {} } });

    expect(parseStreamEntry(entryOf(event))).toMatchObject({ ok: false, reason: { fields: ['payload.output'] } });
  });
});

describe("cycle.branched's copied_components", () => {
  const copied = (output?: unknown) => ({ component_type: 'consequences' as const, component_id: '0190a8b0-0000-7000-8000-000000000001', status: 'complete' as const, ...(output === undefined ? {} : { output }) });
  const branched = (output?: unknown) =>
    sampleEvent('cycle.branched', { payload: { branch_point_component: 'tradeoffs', copied_components: [copied(output) as never] } });

  it('carries a copied output valid for its component_type, or none (older producers)', () => {
    expect(parseStreamEntry(entryOf(branched(SAMPLE_OUTPUTS.consequences))).ok).toBe(true);
    expect(parseStreamEntry(entryOf(branched())).ok).toBe(true);
  });

  it("refuses another component's output in a copy", () => {
    expect(parseStreamEntry(entryOf(branched(SAMPLE_OUTPUTS.alternatives)))).toMatchObject({ ok: false, reason: { code: 'invalid_payload' } });
  });
});
