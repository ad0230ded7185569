import { isRfc3339 } from './payload-validators';

describe('isRfc3339', () => {
  it.each(['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.678Z', '2026-01-02T03:04:05.123456+02:00', '2024-02-29T00:00:00z'])(
    'accepts %s',
    (value) => expect(isRfc3339(value)).toBe(true),
  );

  it.each([
    '2026-01-02',
    '2026-01-02T03:04:05',
    '2026-01-02 03:04:05Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    'Fri, 02 Jan 2026 03:04:05 GMT',
    '',
  ])('rejects %s', (value) => expect(isRfc3339(value)).toBe(false));

  it('rejects non-strings', () => {
    expect(isRfc3339(Date.now())).toBe(false);
    expect(isRfc3339(new Date())).toBe(false);
  });
});
