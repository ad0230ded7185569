import { parseJoinRequest, parseLeaveRequest } from './join-request';

const ID = '0192f0a0-0000-7000-8000-000000000001';

describe('parseJoinRequest', () => {
  it('accepts {session_id} and {session_id, since}', () => {
    expect(parseJoinRequest({ session_id: ID })).toEqual({ ok: true, value: { sessionId: ID, since: undefined } });
    expect(parseJoinRequest({ session_id: ID.toUpperCase(), since: ID })).toEqual({ ok: true, value: { sessionId: ID, since: ID } });
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', ID],
    ['an array', [{ session_id: ID }]],
    ['a number', 42],
    ['no session_id', {}],
    ['a non-uuid session_id', { session_id: 'abc' }],
    ['a numeric session_id', { session_id: 1 }],
    ['an object session_id', { session_id: { $ne: null } }],
    ['a non-uuid since', { session_id: ID, since: 'x' }],
    ['an unknown field', { session_id: ID, admin: true }],
    ['a __proto__ key', JSON.parse(`{"session_id":"${ID}","__proto__":{"x":1}}`)],
    ['a huge string', { session_id: 'a'.repeat(100_000) }],
  ])('refuses %s', (_what, body) => {
    const result = parseJoinRequest(body);
    expect(result.ok).toBe(false);
  });

  it('leave needs exactly {session_id}', () => {
    expect(parseLeaveRequest({ session_id: ID })).toEqual({ ok: true, value: { sessionId: ID } });
    expect(parseLeaveRequest({ session_id: ID, since: ID }).ok).toBe(false);
    expect(parseLeaveRequest('x').ok).toBe(false);
  });
});
