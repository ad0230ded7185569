import { FORBIDDEN_KEYS } from '@choice-sherpa/platform';
import fc from 'fast-check';

/** The generated inputs of the bad-input suite (bad-input.e2e.spec.ts). */
export const REFUSED = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\u0001', '\u0008', '\u000B', '\u001B', '\u007F', '\u0085', '\u009F');
export const CARRIED = fc
  .array(fc.constantFrom('👩🏽‍💻', '🏳️‍🌈', '👨‍👩‍👧', 'مرحبا بالعالم', 'שלום עולם', '\u202Eevil\u202C', '\u2067isolate\u2069', 'zero\u200Bwidth', 'a\u200Cb', 'word\u2060joiner', '\uFEFF', 'tab\tand\nline', 'naïve café', '漢字'), { minLength: 1, maxLength: 4 })
  // Text fields are trimmed of surrounding whitespace (String.prototype.trim, which includes U+FEFF): end on a letter.
  .map((parts) => `Decision ${parts.join(' ')} ok`);
/** A value of another JSON type than `valid` (null only where the field is required). */
export function wrongTypeFor(valid: unknown, optional: boolean): fc.Arbitrary<unknown> {
  const kinds: [string, fc.Arbitrary<unknown>][] = [
    ['number', fc.integer()],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['object', fc.dictionary(fc.constantFrom('a', 'b'), fc.integer())],
    ['string', fc.string({ maxLength: 8 })],
  ];
  const type = Array.isArray(valid) ? 'array' : typeof valid;
  const wrong = kinds.filter(([kind]) => kind !== type).map(([, arbitrary]) => arbitrary);
  return fc.oneof(...wrong, ...(optional ? [] : [fc.constant(null)]));
}

export const UNKNOWN_KEYS = fc.oneof(fc.constantFrom(...FORBIDDEN_KEYS), fc.stringMatching(/^[a-z][a-z_]{0,11}$/), fc.string({ minLength: 1, maxLength: 30 }));
export const BAD_IDS = fc.oneof(
  fc.constantFrom('9007199254740993', '99999999999999999999999', '-1', '0', '1e3', '0x10', '1.5', ' 1', 'null', 'undefined', "1' OR '1'='1"),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(String),
  // '.' and '..' are dot segments: the client's URL parser removes them, so they reach another route, not this id.
  fc.string({ minLength: 1, maxLength: 20 }).filter((id) => id !== '.' && id !== '..'),
);
export const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 8);

export function setAt(target: Record<string, any>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key];
  node[keys.at(-1)!] = value;
}

/** Unsubscribe tokens the notifier must refuse, from a valid one of `userId` and its key: tampered, foreign, expired, not a JWT. */
/** (The signature's last character is left alone: its spare bits may not change the decoded bytes.) */
export function badUnsubscribeTokens(valid: string, sign: (claims: { audience?: string; expiresIn?: number; key?: Uint8Array }) => Promise<string>): fc.Arbitrary<Promise<string>> {
  const tampered = fc.nat({ max: valid.length - 2 }).map((at) => Promise.resolve(`${valid.slice(0, at)}${valid[at] === 'A' ? 'B' : 'A'}${valid.slice(at + 1)}`));
  return fc.oneof(
    tampered,
    fc.constant(sign({ audience: 'choice-sherpa' })),
    fc.constant(sign({ expiresIn: -60 })),
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((key) => sign({ key })),
    BAD_IDS.map((text) => Promise.resolve(text)),
    fc.string({ minLength: 1, maxLength: 200 }).map((text) => Promise.resolve(text)),
  );
}

/** A one-click form body (urlencoded or multipart) with arbitrary extra fields: nothing reads the body beyond its type. */
export const ONE_CLICK_FORMS = fc.oneof(
  fc.array(fc.tuple(UNKNOWN_KEYS, fc.string({ maxLength: 20 })), { maxLength: 3 }).map((extra) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams([['List-Unsubscribe', 'One-Click'], ...extra]).toString(),
  })),
  fc.constant({
    contentType: 'multipart/form-data; boundary=cs',
    body: '--cs\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--cs--\r\n',
  }),
);
