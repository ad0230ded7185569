import { InFlightLimit } from './in-flight-limit';

/** A task the test finishes by hand, recording when it started. */
function gated(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: async () => (started.push(name), done), finish: () => finish() };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('InFlightLimit', () => {
  it('runs at most `limit` tasks at once and starts the waiting ones in arrival order as places free', async () => {
    const started: string[] = [];
    const gate = new InFlightLimit(2);
    const tasks = ['a1', 'a2', 'a3', 'a4'].map((name) => gated(started, name));
    const runs = tasks.map(({ task }) => gate.run(task));
    await settle();
    expect(started).toEqual(['a1', 'a2']);
    expect([gate.inFlight, gate.queued]).toEqual([2, 2]);
    tasks[1].finish();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'a3']);
    // A newcomer does not overtake the one already waiting.
    const late = gated(started, 'a5');
    const lateRun = gate.run(late.task);
    tasks[0].finish();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'a3', 'a4']);
    tasks[2].finish();
    tasks[3].finish();
    late.finish();
    await Promise.all([...runs, lateRun]);
    expect(started).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect([gate.inFlight, gate.queued]).toEqual([0, 0]);
  });

  it('frees the place of a task that fails', async () => {
    const gate = new InFlightLimit(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
    expect(gate.inFlight).toBe(0);
  });
});
