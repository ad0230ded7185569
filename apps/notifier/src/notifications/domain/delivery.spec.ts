import { bestAlternative } from './best-alternative';
import { classifySmtpError } from './delivery-outcome';
import { nextStep, retryDelayMs } from './delivery-policy';
import { alternativeNames, branchInheritsAlternatives } from './alternative-names';
import { messageIdFor, notificationKey } from './notification';

describe('the best alternative', () => {
  it('is the single top scorer', () => expect(bestAlternative({ a: 1, b: 3, c: -2 })).toBe('b'));
  it('is none on a tie at the top, even with lower scores around', () => expect(bestAlternative({ a: 2, b: 2, c: 5, d: 5, e: 0 })).toBeNull());
  it('is none without scores, and the only one with one', () => {
    expect(bestAlternative({})).toBeNull();
    expect(bestAlternative({ solo: -4 })).toBe('solo');
  });
  it('does not depend on the order of the scores', () => expect(bestAlternative({ c: -2, b: 3, a: 1 })).toBe('b'));
});

describe('SMTP outcomes', () => {
  it.each([
    [{ responseCode: 550, enhancedStatus: '5.1.1', command: 'RCPT TO', code: 'EENVELOPE' }, 'rejected', '550 5.1.1 RCPT TO EENVELOPE'],
    [{ responseCode: 554, command: 'DATA', code: 'EMESSAGE' }, 'rejected', '554 DATA EMESSAGE'],
    [{ responseCode: 450, enhancedStatus: '4.2.0', command: 'RCPT TO', code: 'EENVELOPE' }, 'deferred', '450 4.2.0 RCPT TO EENVELOPE'],
    [{ responseCode: 452, command: 'DATA' }, 'deferred', '452 DATA'],
    [{ responseCode: 421, command: 'CONN' }, 'unavailable', '421 CONN'],
    [{ responseCode: 535, command: 'AUTH', code: 'EAUTH' }, 'unavailable', '535 AUTH EAUTH'],
    [{ code: 'ESOCKET', command: 'CONN' }, 'unavailable', 'CONN ESOCKET'],
    [{ code: 'ETIMEDOUT', command: 'CONN' }, 'unavailable', 'CONN ETIMEDOUT'],
    [{ code: 'EMESSAGE' }, 'deferred', 'EMESSAGE'],
    [{}, 'deferred', 'unknown'],
  ])('%j is %s (%s)', (facts, kind, reason) => {
    expect(classifySmtpError(facts)).toEqual({ kind, reason });
  });
});

describe('what a delivery attempt leads to', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000, giveUpAfterMs: 3_600_000 };
  const now = new Date('2026-12-01T12:00:00.000Z');
  const createdAt = new Date('2026-12-01T11:59:00.000Z');

  it('backs off exponentially up to the bound', () => {
    expect([1, 2, 3, 4, 7, 8, 100].map((n) => retryDelayMs(n, policy))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  });

  it('marks an accepted message sent and a rejected one failed', () => {
    expect(nextStep({ kind: 'accepted' }, { attempts: 1, createdAt, serverFailures: 0 }, now, policy)).toEqual({ state: 'sent' });
    expect(nextStep({ kind: 'rejected', reason: '550' }, { attempts: 1, createdAt, serverFailures: 0 }, now, policy)).toEqual({ state: 'failed', error: '550' });
  });

  it('pauses the whole sender while the server is unavailable, longer each time', () => {
    const step = nextStep({ kind: 'unavailable', reason: 'CONN ESOCKET' }, { attempts: 9, createdAt, serverFailures: 3 }, now, policy);
    expect(step).toEqual({ state: 'pending', error: 'CONN ESOCKET', retryAt: new Date(now.getTime() + 4_000), pauseSenderMs: 4_000 });
  });

  it('retries a deferred message alone, by its own attempts, and gives it up when it is too old', () => {
    expect(nextStep({ kind: 'deferred', reason: '450' }, { attempts: 2, createdAt, serverFailures: 0 }, now, policy)).toEqual({
      state: 'pending', error: '450', retryAt: new Date(now.getTime() + 2_000),
    });
    const old = new Date(now.getTime() - policy.giveUpAfterMs);
    expect(nextStep({ kind: 'deferred', reason: '450' }, { attempts: 30, createdAt: old, serverFailures: 0 }, now, policy)).toEqual({ state: 'failed', error: 'gave up after 30 attempts: 450' });
  });
});

describe('notification keys and Message-IDs', () => {
  it('derives the same Message-ID from the same key, a valid msg-id', () => {
    const key = notificationKey('cycle_summary', '01a233e2-bfed-7307-8ef1-d9f0583c1b3b');
    expect(messageIdFor(key, 'mail.example.com')).toBe('<cycle_summary.01a233e2-bfed-7307-8ef1-d9f0583c1b3b@mail.example.com>');
    expect(messageIdFor(key, 'mail.example.com')).toBe(messageIdFor(key, 'mail.example.com'));
    expect(messageIdFor(notificationKey('welcome', '01a233e2-bfed-7307-8ef1-d9f0583c1b3b'), 'x.test')).not.toBe(messageIdFor(key, 'x.test'));
  });
});

describe('alternative names', () => {
  it('reads id -> name from an alternatives output and ignores anything malformed', () => {
    expect(alternativeNames({ alternatives: [{ id: 'a', name: 'Stay' }, { id: 'b' }, { name: 'x' }, null, { id: 'c', name: '  ' }, { id: 'd', name: 'Go' }] })).toEqual({ a: 'Stay', d: 'Go' });
    expect(alternativeNames(null)).toEqual({});
    expect(alternativeNames({ alternatives: 'no' })).toEqual({});
  });

  it('are inherited by a branch made at alternatives or later', () => {
    const at = (point: string) => branchInheritsAlternatives({ branch_point_component: point as never });
    expect(['issue_raising', 'problem_frame', 'objectives'].map(at)).toEqual([false, false, false]);
    expect(['alternatives', 'consequences', 'notes_next_steps'].map(at)).toEqual([true, true, true]);
  });

  it('are inherited when the branch lists alternatives among its copied components, and only then', () => {
    const copied = (types: string[]) => types.map((component_type) => ({ component_type: component_type as never }));
    expect(branchInheritsAlternatives({ branch_point_component: 'consequences', copied_components: copied(['issue_raising', 'alternatives', 'consequences']) })).toBe(true);
    expect(branchInheritsAlternatives({ branch_point_component: 'consequences', copied_components: copied(['issue_raising', 'objectives']) })).toBe(false);
  });
});
