import { waitFor } from '@choice-sherpa/platform/testing';
import { TestStack } from '../test/support/test-stack';
import { writeResults } from './support/report';
import { benchUsers, E2eLatencyProbe, offer, summarize } from './support/e2e-workload';

// End to end: HTTP command (session-cycle) -> outbox -> relay -> Redis Streams -> ws-gateway -> socket.io-client,
// with all six services running as processes on this machine, as `npm run stack` runs them.
const RATES = [50, 200];
const SECONDS = 20;
const WARMUP_SECONDS = 3;
const USERS = 20;

export async function run(): Promise<void> {
  const stack = await TestStack.start({ partitions: 8 });
  try {
    const figures: Record<string, number> = { users: USERS, seconds_per_rate: SECONDS };
    for (const rate of RATES) {
      const warmup = new E2eLatencyProbe();
      const users = await benchUsers(stack, USERS, warmup);
      await offer(users, rate, WARMUP_SECONDS, warmup, `warmup ${rate}`);
      const probe = new E2eLatencyProbe();
      for (const user of users) user.socket.socket.on('event', probe.onEvent);
      await offer(users, rate, SECONDS, probe, `rate ${rate}`);
      // Bounded: what has not arrived 30 s after the last response counts as not delivered.
      await waitFor(() => probe.delivered === probe.commanded, { timeoutMs: 30_000, what: 'every event at its socket' }).catch(() => undefined);
      Object.assign(figures, summarize(`at_${rate}_per_s`, probe));
      for (const user of users) user.socket.disconnect();
    }
    writeResults('e2e-latency', figures);
  } finally {
    await stack.stop();
  }
}
