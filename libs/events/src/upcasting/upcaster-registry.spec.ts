import { parseStreamEntry } from '../parse/parse-event';
import { sampleEvent as sampleEnvelope } from '../catalog/testing/sample-events';
import { entryOf } from '../parse/parse-test-support';
import { CATALOG_UPCASTERS, UpcasterRegistry } from './upcaster-registry';

/** Pretend session.renamed is at v2 today, and v1 carried `from`/`to` instead of `old_title`/`new_title`. */
const renamedAtV2 = (type: string) => (type === 'session.renamed' ? 2 : type.includes('.') ? 1 : undefined);
const v1ToV2 = ({ from, to, ...rest }: Record<string, unknown>) => ({ ...rest, old_title: from, new_title: to });

function v1RenamedEntry(): Record<string, string> {
  return entryOf(sampleEnvelope('session.renamed'), (json) => {
    const { old_title, new_title, ...rest } = json.payload;
    json.payload = { ...rest, from: old_title, to: new_title };
    json.schema_version = 1;
  });
}

describe('UpcasterRegistry', () => {
  it('applies the registered steps up to the current version', () => {
    const registry = new UpcasterRegistry(renamedAtV2).register('session.renamed', 1, v1ToV2);

    expect(registry.upcast('session.renamed', 1, { session_id: 's', from: 'a', to: 'b' })).toEqual({
      ok: true,
      payload: { session_id: 's', old_title: 'a', new_title: 'b' },
      version: 2,
    });
  });

  it('chains several steps in order', () => {
    const registry = new UpcasterRegistry((type) => (type === 'x.y' ? 3 : undefined))
      .register('x.y', 2, (payload) => ({ ...payload, trail: `${payload.trail}>3` }))
      .register('x.y', 1, (payload) => ({ ...payload, trail: `${payload.trail}>2` }));

    expect(registry.upcast('x.y', 1, { trail: '1' })).toMatchObject({ ok: true, payload: { trail: '1>2>3' }, version: 3 });
  });

  it('leaves a current payload untouched', () => {
    const payload = { session_id: 's' };

    expect(CATALOG_UPCASTERS.upcast('session.renamed', 1, payload)).toEqual({ ok: true, payload, version: 1 });
  });

  it('a future version, an old version without a step and an unknown type are unsupported', () => {
    const registry = new UpcasterRegistry(renamedAtV2);

    expect(registry.upcast('session.renamed', 3, {})).toMatchObject({ ok: false, code: 'unsupported_version' });
    expect(registry.upcast('session.renamed', 1, {})).toMatchObject({ ok: false, code: 'unsupported_version' });
    expect(registry.upcast('nope', 1, {})).toMatchObject({ ok: false, code: 'unsupported_version' });
  });

  it('refuses steps for unknown types, from versions outside the range, and duplicates', () => {
    const registry = new UpcasterRegistry(renamedAtV2).register('session.renamed', 1, v1ToV2);

    expect(() => registry.register('session.renamed', 1, v1ToV2)).toThrow(/already registered/);
    expect(() => registry.register('session.renamed', 2, v1ToV2)).toThrow(/\[1, 1\]/);
    expect(() => registry.register('session.renamed', 0, v1ToV2)).toThrow(/\[1, 1\]/);
    expect(() => registry.register('unknown', 1, v1ToV2)).toThrow(/unknown event type/);
    expect(() => CATALOG_UPCASTERS.register('session.created', 1, v1ToV2)).toThrow();
  });
});

describe('parseStreamEntry with upcasters', () => {
  it('upcasts an old event before validating it and reports the current version', () => {
    const upcasters = new UpcasterRegistry(renamedAtV2).register('session.renamed', 1, v1ToV2);

    const result = parseStreamEntry(v1RenamedEntry(), { upcasters });

    expect(result.ok).toBe(true);
    if (!result.ok || result.event.event_type !== 'session.renamed') return;
    expect(result.event.schema_version).toBe(2);
    expect(result.event.payload).toEqual(expect.objectContaining({ old_title: 'Job', new_title: 'Which job offer?' }));
    expect(result.event.payload).not.toHaveProperty('from');
  });

  it('an old version with no step path is unsupported_version', () => {
    const result = parseStreamEntry(v1RenamedEntry(), { upcasters: new UpcasterRegistry(renamedAtV2) });

    expect(result).toMatchObject({ ok: false, reason: { code: 'unsupported_version', fields: ['schema_version'] } });
  });

  it('validates the upcast payload, so a faulty step cannot let an invalid payload through', () => {
    const upcasters = new UpcasterRegistry(renamedAtV2).register('session.renamed', 1, (payload) => payload);

    const result = parseStreamEntry(v1RenamedEntry(), { upcasters });

    expect(result).toMatchObject({ ok: false, reason: { code: 'invalid_payload', fields: ['payload.old_title', 'payload.new_title'] } });
  });
});
