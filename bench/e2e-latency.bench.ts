import os from 'node:os';
import { waitFor } from '@choice-sherpa/platform/testing';
import { TestStack } from '../test/support/test-stack';
import { writeResults } from './support/report';
import { benchUsers, cpuPerCommand, E2eLatencyProbe, offer, probing, summarize } from './support/e2e-workload';

// End to end: HTTP command (session-cycle) -> outbox -> relay -> Redis Streams -> ws-gateway -> socket.io-client,
// with all six services running as processes on this machine, as `npm run stack` runs them.
// 50 and 200/s are the rates the issue names; 5 and 20/s are reference points below what a busy shared 2-core
// machine sustains (the floor of the path). E2E_BENCH_RATES=50,200 overrides.
const RATES = (process.env.E2E_BENCH_RATES ?? '5,20,50,200').split(',').map(Number).filter((rate) => rate > 0);
const SECONDS = 15;
const WARMUP_SECONDS = 3;
const USERS = 20;

export async function run(): Promise<void> {
  const stack = await TestStack.start({ partitions: 8, entryPoint: false });
  try {
    // The machine is shared: the load average next to each rate says how busy it was while measuring.
    const figures: Record<string, number> = { users: USERS, seconds_per_rate: SECONDS };
    process.stdout.write(`e2e-latency: ${USERS} users, each with a session and a socket joined to it\n`);
    const users = await benchUsers(stack, USERS);
    for (const rate of RATES) {
      process.stdout.write(`e2e-latency: ${rate} commands/s for ${SECONDS} s (after ${WARMUP_SECONDS} s of warm-up)\n`);
      const warmup = new E2eLatencyProbe();
      await probing(users, warmup, async () => {
        await offer(users, rate, WARMUP_SECONDS, warmup, `warmup ${rate}`);
        await drained(warmup);
      });
      const probe = new E2eLatencyProbe();
      const cpu = await cpuPerCommand(stack, probe, `at_${rate}_per_s`, () =>
        probing(users, probe, async () => {
          await offer(users, rate, SECONDS, probe, `rate ${rate}`);
          await drained(probe);
        }),
      );
      Object.assign(figures, summarize(`at_${rate}_per_s`, probe), cpu, { [`at_${rate}_per_s_loadavg_1m`]: Math.round(os.loadavg()[0] * 100) / 100 });
    }
    for (const user of users) user.socket.disconnect();
    writeResults('e2e-latency', figures);
  } catch (error) {
    process.stderr.write(`${stack.logs(40)}\n`);
    throw error;
  } finally {
    await stack.stop();
  }
}

/** Bounded: what has not arrived 30 s after the last response counts as not delivered. */
async function drained(probe: E2eLatencyProbe): Promise<void> {
  await waitFor(() => probe.delivered === probe.commanded, { timeoutMs: 30_000, intervalMs: 50, what: 'every event at its socket' }).catch(() => undefined);
}
