import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createSession } from '../test/support/journey';
import { LiveSocket } from '../test/support/live-socket';
import { TestStack, TEST_ORIGIN } from '../test/support/test-stack';
import { percentile, writeResults } from './support/report';
import type { FloodCounts, FloodPlan } from './support/ws-flooder';

// Issue 15 "keep the victim's latency normal under such a flood": one user floods the gateway with the maximum
// sockets (WS_MAX_SOCKETS_PER_USER), each keeping JOINS_IN_FLIGHT session:join requests in flight (a socket the
// gateway drops reconnects; in a worker thread, bench/support/ws-flooder.ts), while another user (the victim) joins and leaves its session at a steady rate. The
// victim's join latency (request to acknowledgement) is measured alone and under the flood, on the processes
// `npm run stack` runs (session-cycle for the sessions, ws-gateway). BENCH_WS_FLOOD_SECONDS (default 15) per phase.

const SECONDS = Number(process.env.BENCH_WS_FLOOD_SECONDS ?? 15);
const MAX_SOCKETS = 20;
const JOINS_IN_FLIGHT = 20;
/** Below the per-user refill (WS_JOIN_PER_SECOND 5): the victim is never rate limited by its own joins. */
const VICTIM_JOINS_PER_SECOND = 4;
/** "Normal": the flood may cost the victim at most this much at p99 over its latency alone, and never past the absolute bound. */
const P99_EXTRA_BOUND_MS = 50;
const P99_BOUND_MS = 250;

interface Flood {
  stop(): Promise<FloodCounts>;
}

export async function run(): Promise<void> {
  const stack = await TestStack.start({ services: ['session-cycle', 'ws-gateway'], entryPoint: false, env: { WS_MAX_SOCKETS_PER_USER: String(MAX_SOCKETS) } });
  try {
    const victimId = `victim-${randomUUID()}`;
    const flooderId = `flooder-${randomUUID()}`;
    const victimSession = await createSession(await stack.client('session-cycle', victimId));
    const flooderSession = await createSession(await stack.client('session-cycle', flooderId));
    const victim = await stack.socket(victimId, { origin: TEST_ORIGIN });
    await victim.joinWhenKnown(victimSession);
    victim.leave(victimSession);
    const probe = await stack.socket(flooderId, { origin: TEST_ORIGIN });
    await probe.joinWhenKnown(flooderSession);
    probe.disconnect();

    process.stdout.write(`ws-flood: victim alone, ${VICTIM_JOINS_PER_SECOND} joins/s for ${SECONDS} s\n`);
    const alone = await victimJoins(victim, victimSession, SECONDS);
    process.stdout.write(`ws-flood: ${MAX_SOCKETS} sockets x ${JOINS_IN_FLIGHT} joins in flight from one user, victim beside it\n`);
    const flood = await startFlood(stack, flooderId, flooderSession);
    let flooded: number[] = [];
    let counts: FloodCounts;
    try {
      flooded = await victimJoins(victim, victimSession, SECONDS);
    } finally {
      counts = await flood.stop();
    }
    const ready = (await fetch(`${stack.url('ws-gateway')}/health/ready`)).status;
    victim.disconnect();

    const p99Alone = percentile(alone, 99);
    const p99Flooded = percentile(flooded, 99);
    writeResults('ws-flood', {
      seconds_per_phase: SECONDS,
      flood_sockets: MAX_SOCKETS,
      flood_joins_in_flight_per_socket: JOINS_IN_FLIGHT,
      flood_joins_sent: counts.sent,
      flood_joins_per_s: Math.round(counts.sent / SECONDS),
      ...Object.fromEntries(Object.entries(counts.outcomes).map(([outcome, count]) => [`flood_joins_${outcome.toLowerCase()}`, count])),
      flood_sockets_dropped: counts.dropped,
      victim_joins_alone: alone.length,
      victim_alone_p50_ms: round(percentile(alone, 50)),
      victim_alone_p99_ms: round(p99Alone),
      victim_joins_flooded: flooded.length,
      victim_flooded_p50_ms: round(percentile(flooded, 50)),
      victim_flooded_p99_ms: round(p99Flooded),
      bound_victim_flooded_p99_ms: Math.min(P99_BOUND_MS, round(p99Alone + P99_EXTRA_BOUND_MS)),
      within_bound: p99Flooded <= Math.min(P99_BOUND_MS, p99Alone + P99_EXTRA_BOUND_MS),
      gateway_ready_status_after_flood: ready,
      loadavg_1m: round(os.loadavg()[0]),
    });
  } catch (error) {
    process.stderr.write(`${stack.logs(40)}\n`);
    throw error;
  } finally {
    await stack.stop();
  }
}

/** Joins and leaves at a steady rate for `seconds`; returns each join's latency (ms), failing on any refusal. */
async function victimJoins(victim: LiveSocket, sessionId: string, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1_000;
  const gap = 1_000 / VICTIM_JOINS_PER_SECOND;
  for (let next = performance.now(); next < end; next += gap) {
    // Paced, not a stand-in for a condition: the victim behaves like a client joining at this rate.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    const sent = performance.now();
    const ack = await victim.join(sessionId);
    if (!ack.ok) throw new Error(`the victim's join was refused: ${JSON.stringify(ack)}`);
    latencies.push(performance.now() - sent);
    victim.leave(sessionId);
  }
  return latencies.sort((a, b) => a - b);
}

/** Starts the flooding worker (bench/support/ws-flooder.ts) and resolves once the flood is under way. */
async function startFlood(stack: TestStack, userId: string, sessionId: string): Promise<Flood> {
  const plan: FloodPlan = { gatewayUrl: stack.url('ws-gateway'), origin: TEST_ORIGIN, token: await stack.token(userId), sessionId, sockets: MAX_SOCKETS, joinsInFlight: JOINS_IN_FLIGHT };
  const worker = new Worker(path.join(__dirname, 'support', 'ws-flooder.js'), { workerData: plan });
  const failed = new Promise<never>((_resolve, reject) => worker.once('error', reject));
  const message = (type: string) => new Promise<{ counts?: FloodCounts }>((resolve) => worker.on('message', (data: { type: string; counts?: FloodCounts }) => data.type === type && resolve(data)));
  await Promise.race([message('flooding'), failed]);
  return {
    stop: async () => {
      const counted = message('counts');
      worker.postMessage('stop');
      const { counts } = await Promise.race([counted, failed]);
      await worker.terminate();
      return counts!;
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
