import { isRfc3339 } from './payload-validators';

describe('isRfc3339', () => {
  it.each(['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.678Z', '2026-01-02T03:04:05.123456+02:00', '2024-02-29T00:00:00z', '2000-02-29T00:00:00Z', '0004-02-29T00:00:00Z'])(
    'accepts %s',
    (value) => expect(isRfc3339(value)).toBe(true),
  );

  it.each([
    '2026-01-02',
    '2026-01-02T03:04:05',
    '2026-01-02 03:04:05Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '0000-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    'Fri, 02 Jan 2026 03:04:05 GMT',
    '',
  ])('rejects %s', (value) => expect(isRfc3339(value)).toBe(false));

  it('agrees with the Date-based calendar check on every day of a leap cycle and around it', () => {
    for (const year of [0, 4, 99, 100, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 28; day <= 31; day++) {
          const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${day}T00:00:00Z`;
          expect([value, isRfc3339(value)]).toEqual([value, day <= new Date(Date.UTC(year, month, 0)).getUTCDate()]);
        }
      }
    }
  });

  it('rejects non-strings', () => {
    expect(isRfc3339(Date.now())).toBe(false);
    expect(isRfc3339(new Date())).toBe(false);
  });
});
