import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createEvent } from '@choice-sherpa/events/raising/event-factory';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { createTestDatabase, freePort, TEST_REDIS_URL, testPlatformEnv, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import { ServiceProcess } from '../test/support/service-process';
import { percentile, writeResults } from './support/report';
import { SmtpSink } from './support/smtp-sink';

/** Emails per phase; NOTIFIER_BENCH_EMAILS=200 for a smoke run. */
const EMAILS = Number(process.env.NOTIFIER_BENCH_EMAILS ?? 2_000);
/** The offered rate of the latency phase (events/s) and its length. */
const RATE = Number(process.env.NOTIFIER_BENCH_RATE ?? 50);
const LATENCY_SECONDS = Number(process.env.NOTIFIER_BENCH_SECONDS ?? 15);
const PARTITIONS = 8;
const DOMAIN = 'bench.choice-sherpa.test';

const welcome = () => {
  const membershipId = randomUUID();
  const userId = `bench-${randomUUID()}`;
  const event = createEvent('membership.created', {
    aggregateId: membershipId,
    payload: { membership_id: membershipId, user_id: userId, email: `${userId}@example.test`, tier: 'monthly' },
    metadata: { correlationId: randomUUID(), userId },
  });
  return { envelope: { ...event, sequence: 1 }, messageId: `<welcome.${event.event_id}@${DOMAIN}>` };
};

/**
 * The compiled notifier (a child process, as it runs in production) delivering welcome emails to a real SMTP server
 * in this process: a backlog queued while SMTP was down (the sender alone: claim, compose, SMTP, mark, one
 * transaction per email), events to emails at saturation (consumer + outbox + sender), and per-email latency
 * (event published to the SMTP server's accept) at a modest offered rate.
 */
export async function run(): Promise<void> {
  const database = await createTestDatabase('bench_notifier');
  const streamPrefix = uniqueName('bench-notif');
  const sink = new SmtpSink(await freePort());
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...testPlatformEnv({
      databaseUrl: database.url, streamPrefix, STREAM_PARTITIONS: String(PARTITIONS), LOG_LEVEL: 'warn',
      SMTP_URL: sink.url, MAIL_FROM: `Choice Sherpa <notify@${DOMAIN}>`, MAIL_RETRY_BASE_MS: '50', MAIL_RETRY_MAX_MS: '200',
    }),
  };
  const notifier = new ServiceProcess('notifier', await freePort(), env);
  const publisher = new RedisStreamsClient({ url: TEST_REDIS_URL, layout: { prefix: streamPrefix, partitions: PARTITIONS } });
  const db = new Client({ connectionString: database.url });
  const loadAtStart = os.loadavg()[0];
  try {
    notifier.start();
    await notifier.waitReady(120_000);
    await db.connect();
    const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0].n);

    // 1. Backlog: queued while the server is down, then drained once it is up.
    const backlog = Array.from({ length: EMAILS }, welcome);
    for (const { envelope } of backlog) await publisher.publishEvent(envelope);
    await waitFor(async () => (await count('SELECT count(*)::int AS n FROM notifications')) === EMAILS, { timeoutMs: 600_000, intervalMs: 200, what: 'the backlog queued' });
    await sink.start();
    await waitFor(() => backlog.every(({ messageId }) => sink.arrivals.has(messageId)), { timeoutMs: 600_000, intervalMs: 50, what: 'the backlog delivered' });
    const drainTimes = backlog.map(({ messageId }) => sink.arrivals.get(messageId)!).sort((a, b) => a - b);
    const backlogPerS = (EMAILS - 1) / ((drainTimes.at(-1)! - drainTimes[0]) / 1000);

    // 2. Saturation: events published as fast as one client can, to emails accepted by the server.
    const burst = Array.from({ length: EMAILS }, welcome);
    const burstStart = performance.now();
    for (const { envelope } of burst) await publisher.publishEvent(envelope);
    await waitFor(() => burst.every(({ messageId }) => sink.arrivals.has(messageId)), { timeoutMs: 600_000, intervalMs: 50, what: 'the burst delivered' });
    const burstEnd = Math.max(...burst.map(({ messageId }) => sink.arrivals.get(messageId)!));
    const burstPerS = EMAILS / ((burstEnd - burstStart) / 1000);

    // 3. Latency at an offered rate.
    const offered = Array.from({ length: RATE * LATENCY_SECONDS }, welcome);
    const sentAt = new Map<string, number>();
    const start = performance.now();
    for (const [index, item] of offered.entries()) {
      const due = start + (index * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sentAt.set(item.messageId, performance.now());
      await publisher.publishEvent(item.envelope);
    }
    await waitFor(() => offered.every(({ messageId }) => sink.arrivals.has(messageId)), { timeoutMs: 120_000, intervalMs: 50, what: 'the offered emails delivered' });
    const latencies = offered.map(({ messageId }) => sink.arrivals.get(messageId)! - sentAt.get(messageId)!).sort((a, b) => a - b);
    const pendingLeft = await count(`SELECT count(*)::int AS n FROM notifications WHERE state <> 'sent'`);

    writeResults('notifier', {
      emails_per_phase: EMAILS,
      backlog_drain_emails_per_s: Math.round(backlogPerS),
      events_to_emails_at_saturation_per_s: Math.round(burstPerS),
      [`latency_at_${RATE}_per_s_p50_ms`]: Math.round(percentile(latencies, 50) * 10) / 10,
      [`latency_at_${RATE}_per_s_p99_ms`]: Math.round(percentile(latencies, 99) * 10) / 10,
      latency_phase_emails: offered.length,
      not_sent_at_end: pendingLeft,
      messages_accepted_twice: sink.accepted - sink.arrivals.size,
      load_average_1m_at_start: Number(loadAtStart.toFixed(2)),
      load_average_1m_at_end: Number(os.loadavg()[0].toFixed(2)),
    });
  } catch (error) {
    process.stderr.write(`${notifier.logTail(40)}\n`);
    throw error;
  } finally {
    await notifier.stop();
    await db.end().catch(() => undefined);
    await sink.stop();
    const redis = await publisher.connect();
    const keys = await redis.keys(`${streamPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await publisher.close();
    await database.drop();
  }
}
