import { waitFor } from '@choice-sherpa/platform/testing/wait-for';
import type { AccessSignals, SessionAccessReader } from './ports';
import { SessionAuthorizer } from './session-authorizer';

/** Fakes: an access table and a signal bus, where a test decides when the record appears and who is told. */
class FakeAccess implements SessionAccessReader, AccessSignals {
  readonly owners = new Map<string, string>();
  reads = 0;
  onRead?: (count: number) => void;
  private readonly waiters = new Map<string, () => void>();

  async ownerOf(sessionId: string): Promise<string | null> {
    this.reads++;
    this.onRead?.(this.reads);
    return this.owners.get(sessionId) ?? null;
  }

  expect(sessionId: string, timeoutMs: number) {
    let wake: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, timeoutMs).unref();
    });
    this.waiters.set(sessionId, wake);
    return { settled, cancel: () => this.waiters.delete(sessionId) };
  }

  record(sessionId: string, owner: string, signal = true): void {
    this.owners.set(sessionId, owner);
    if (signal) this.waiters.get(sessionId)?.();
  }

  get waiting(): number {
    return this.waiters.size;
  }
}

describe('SessionAuthorizer', () => {
  it('answers at once for a known session', async () => {
    const access = new FakeAccess();
    access.record('s1', 'u1');
    expect(await new SessionAuthorizer(access, access).ownerOf('s1', 2_000)).toBe('u1');
    expect(access.reads).toBe(1);
  });

  it('waits for the projection and is woken by its signal, well before the bound', async () => {
    const access = new FakeAccess();
    const started = Date.now();
    const pending = new SessionAuthorizer(access, access).ownerOf('s1', 10_000);
    await waitFor(() => access.waiting === 1, { timeoutMs: 2_000, what: 'the authorizer listening' });
    access.record('s1', 'u1');
    expect(await pending).toBe('u1');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not miss a record committed between its first read and the start of listening', async () => {
    const access = new FakeAccess();
    // The record lands right after the first read, and its signal is sent before anyone listens.
    access.onRead = (count) => {
      if (count === 1) access.record('s1', 'u1', false);
    };
    expect(await new SessionAuthorizer(access, access).ownerOf('s1', 10_000)).toBe('u1');
  });

  it('gives up after the bound when the session never appears', async () => {
    const access = new FakeAccess();
    expect(await new SessionAuthorizer(access, access).ownerOf('s1', 50)).toBeNull();
    expect(access.waiting).toBe(0);
  });
});
