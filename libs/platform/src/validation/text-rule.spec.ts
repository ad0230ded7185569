import fc from 'fast-check';
import { findTextProblems, isAcceptedText, textProblem, toAcceptedText } from './text-rule';

/** Text a person writes: any well-formed Unicode, including emoji, joiners, RTL and bidi/zero-width characters. */
const CARRIED = ['\u200D', '\u200C', '\u200B', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\t', '\n', '\r'];
const carriedText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(...CARRIED, '👩🏽‍💻', '🏳️‍🌈', 'مرحبا', 'שלום', '\u{1F600}')), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((text) => isAcceptedText(text));
const REFUSED_CHARS = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x01, max: 0x1f }).filter((code) => ![0x09, 0x0a, 0x0d].includes(code)).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((code) => String.fromCharCode(code)),
);

describe('the text rule', () => {
  it('carries well-formed text with emoji, joiners, right-to-left, bidi and zero-width characters', () => {
    fc.assert(fc.property(carriedText, (text) => textProblem(text) === undefined));
    for (const char of CARRIED) expect(textProblem(`a${char}b`)).toBeUndefined();
    expect(textProblem('👩‍👩‍👧‍👦 ‮evil‬ ‏שלום')).toBeUndefined();
  });

  it('refuses NUL, lone surrogates and control characters wherever they stand, naming the problem', () => {
    fc.assert(
      fc.property(carriedText, REFUSED_CHARS, carriedText, (before, bad, after) => {
        // A high surrogate right before a low one would pair: keep the bad character alone.
        const text = `${before}x${bad}x${after}`;
        return textProblem(text) !== undefined && !isAcceptedText(text);
      }),
    );
    expect(textProblem('a\u0000b')).toBe('nul');
    expect(textProblem('a\uD800b')).toBe('lone_surrogate');
    expect(textProblem('\uDC00')).toBe('lone_surrogate');
    expect(textProblem('\uD83D\uDE00')).toBeUndefined();
    expect(textProblem('a\u001Bb')).toBe('control_character');
    expect(textProblem('a\u0085b')).toBe('control_character');
  });

  it('turns any string into accepted text for output the system itself produces', () => {
    fc.assert(fc.property(fc.string({ unit: fc.nat(0xffff).map((code) => String.fromCharCode(code)), maxLength: 40 }), (text) => isAcceptedText(toAcceptedText(text))));
    expect(toAcceptedText('ok\u0000\uD800 👍')).toBe('ok\uFFFD 👍');
  });

  it('finds every refused string and key in nested data, with paths that never repeat free text as a key', () => {
    const found = findTextProblems({ title: 'a\u0000', output: { items: [{ name: 'ok' }, { name: '\uDFFF' }] }, ['bad\u0001key']: 1, 'my diary': { x: '\u0007' } });
    expect(found).toEqual([
      { path: 'title', problem: 'nul' },
      { path: 'output.items.1.name', problem: 'lone_surrogate' },
      { path: '[key]', problem: 'control_character' },
      { path: '[key].x', problem: 'control_character' },
    ]);
  });
});
