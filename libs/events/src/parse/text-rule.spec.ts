import fc from 'fast-check';
import { EVENT_TYPES } from '../catalog/event-registry';
import { sampleEvent } from '../catalog/testing/sample-events';
import { parseStreamEntry } from './parse-event';
import { entryOf } from './parse-test-support';
import { assertValidPendingEvent, InvalidEventError, validatePendingEvent } from './validate-pending-event';

const REFUSED = fc.constantFrom('\u0000', '\uD800', '\uDC00', '\u0007', '\u001B', '\u007F', '\u009B');
const CARRIED = fc.constantFrom('👩🏽‍💻', '🏳️‍🌈', 'مرحبا', 'שלום', '\u202Eevil\u202C', 'a\u200Bb', 'a\u200Cb', '\uFEFF', 'x\ty\nz');

/** Every string field of an event's sample payload, as [path, set(event, value)]. */
function stringFields(payload: Record<string, unknown>, path: string[] = []): string[][] {
  return Object.entries(payload).flatMap(([key, value]) =>
    typeof value === 'string' ? [[...path, key]] : value && typeof value === 'object' ? stringFields(value as Record<string, unknown>, [...path, key]) : [],
  );
}

function withString(event: ReturnType<typeof sampleEvent>, path: string[], value: string) {
  const copy = JSON.parse(JSON.stringify(event));
  let target = copy.payload;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path.at(-1)!] = value;
  return copy;
}

/** Free text (names, titles, reasons, messages, outputs): the fields a person writes into. */
const FREE_TEXT = /^(title|old_title|new_title|reason|content|output_summary|summary|rationale|description|name|focal_decision|statement)$/;

const cases = EVENT_TYPES.flatMap((type) => stringFields(sampleEvent(type).payload as Record<string, unknown>).map((path) => ({ type, path })));

const freeText = cases.filter(({ path }) => FREE_TEXT.test(path.at(-1)!));

describe('the text rule in the event contract', () => {
  it('covers string fields of every event type', () => {
    expect(new Set(cases.map((c) => c.type)).size).toBeGreaterThan(10);
    expect(freeText.length).toBeGreaterThan(5);
  });

  it('refuses to write, and parks on read, an event with NUL, a lone surrogate or a control character in any string', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), REFUSED, fc.string({ maxLength: 10 }), ({ type, path }, bad, text) => {
        const event = withString(sampleEvent(type), path, `${text}x${bad}x`);
        const written = validatePendingEvent(event);
        const read = parseStreamEntry(entryOf(event));
        const field = `payload.${path.join('.')}`;
        return !written.ok && written.reason.fields?.includes(field) === true && !read.ok && read.reason.code === 'invalid_payload';
      }),
      { numRuns: 300 },
    );
    const event = withString(sampleEvent('session.created'), ['title'], 'a\u0000b');
    expect(() => assertValidPendingEvent(event)).toThrow(InvalidEventError);
  });

  it('refuses the same in metadata and in a payload key, without repeating the key', () => {
    const inMetadata = sampleEvent('session.created');
    (inMetadata.metadata as { user_id: string }).user_id = 'u\u0000';
    expect(validatePendingEvent(inMetadata)).toMatchObject({ ok: false, reason: { code: 'invalid_envelope', fields: ['metadata.user_id'] } });
    const inKey = sampleEvent('component.output_updated');
    (inKey.payload.output as Record<string, unknown>)['secret key \uD800'] = 1;
    const result = validatePendingEvent(inKey);
    expect(result).toMatchObject({ ok: false, reason: { code: 'invalid_payload', fields: ['payload.output.[key]'] } });
    expect(JSON.stringify(result)).not.toContain('secret key');
  });

  it('carries emoji, right-to-left, bidi and zero-width text in any string field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...freeText), CARRIED, ({ type, path }, text) => {
        const original = sampleEvent(type);
        const current = path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], original.payload) as string;
        const event = withString(original, path, `${current}${text}`);
        const read = parseStreamEntry(entryOf(event));
        return validatePendingEvent(event).ok && read.ok && JSON.stringify(read.event.payload).includes(JSON.stringify(text).slice(1, -1));
      }),
      { numRuns: 300 },
    );
  });
});
