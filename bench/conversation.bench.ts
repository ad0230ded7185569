import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { waitFor } from '@choice-sherpa/platform/testing';
import { FakeOpenAiServer } from '../apps/conversation/test/support/fake-openai-server';
import { readSse } from '../apps/conversation/test/support/sse-client';
import { ApiClient } from '../test/support/api-client';
import { createCycle, createSession } from '../test/support/journey';
import type { LiveEvent, LiveSocket } from '../test/support/live-socket';
import { TestStack } from '../test/support/test-stack';
import { percentile, writeResults } from './support/report';

// 1. A message round trip with the offline facilitator, six services as processes: POST messages at an offered
//    20 messages/s (open loop, round-robin over 40 conversations, each then gets a message every 2 s), measured
//    to the HTTP answer and to the assistant's conversation.message_sent at the owner's socket.
// 2. Our added latency to the first streamed token: the conversation service against the stand-in provider, which
//    waits a fixed delay before its first chunk; first `delta` at the client minus that delay.
// CONVERSATION_BENCH_SECONDS shortens a smoke run.
const SECONDS = Number(process.env.CONVERSATION_BENCH_SECONDS ?? 15);
const RATE = 20;
/** One conversation takes one message at a time (the next waits for the reply): 40 give each 2 s per message. */
const USERS = 40;
const PROVIDER_DELAY_MS = 50;
const STREAM_SAMPLES = Number(process.env.CONVERSATION_BENCH_STREAM_SAMPLES ?? 100);

const round = (value: number) => Math.round(value * 100) / 100;

interface ChatUser {
  chat: ApiClient;
  conversationId: string;
  socket: LiveSocket;
}

async function chatUsers(stack: TestStack, count: number): Promise<ChatUser[]> {
  const users: ChatUser[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `bench-chat-${i}-${Date.now()}`;
    const sessions = await stack.client('session-cycle', userId, { email: 'bench@example.test' });
    await sessions.expect(201, 'POST', '/api/memberships', { tier: 'annual' });
    const sessionId = await createSession(sessions, `bench chat ${i}`);
    const cycleId = await createCycle(sessions, sessionId);
    await sessions.expect(200, 'POST', `/api/cycles/${cycleId}/components/issue_raising/start`);
    const chat = await stack.client('conversation', userId);
    const conversation = await waitFor(async () => (await chat.get(`/api/conversations?cycle_id=${cycleId}&component_type=issue_raising`)).body?.id as string | undefined, { timeoutMs: 60_000, what: 'conversation' });
    const socket = await stack.socket(userId);
    await socket.joinWhenKnown(sessionId);
    users.push({ chat, conversationId: conversation, socket });
  }
  return users;
}

async function roundTrips(stack: TestStack): Promise<Record<string, number>> {
  const users = await chatUsers(stack, USERS);
  const httpMs: number[] = [];
  const socketMs: number[] = [];
  const failedByStatus = new Map<string, number>();
  const arrivals = new Map<string, number>();
  const onEvent = (event: LiveEvent) => {
    if (event.event_type === 'conversation.message_sent' && event.data.role === 'assistant') arrivals.set(event.data.message_id as string, performance.now());
  };
  for (const user of users) user.socket.socket.on('event', onEvent);
  const sent: Array<{ at: number; messageId: string }> = [];
  const total = RATE * SECONDS;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const user = users[i % users.length];
    inFlight.push(
      (async () => {
        const at = performance.now();
        const answer = await user.chat.post(`/api/conversations/${user.conversationId}/messages`, { content: `Considerations:\n- point ${i}` }).catch(() => undefined);
        if (answer?.status !== 201) {
          const key = answer ? `${answer.status}_${answer.body?.error?.code ?? ''}` : 'no_answer';
          failedByStatus.set(key, (failedByStatus.get(key) ?? 0) + 1);
          return;
        }
        httpMs.push(performance.now() - at);
        sent.push({ at, messageId: answer.body.assistant_message.id });
      })(),
    );
  }
  await Promise.all(inFlight);
  await waitFor(() => sent.every((s) => arrivals.has(s.messageId)), { timeoutMs: 30_000, what: 'every reply at its socket' }).catch(() => undefined);
  for (const s of sent) if (arrivals.has(s.messageId)) socketMs.push(arrivals.get(s.messageId)! - s.at);
  for (const user of users) user.socket.disconnect();
  httpMs.sort((a, b) => a - b);
  socketMs.sort((a, b) => a - b);
  return {
    offline_rate_per_s: RATE,
    offline_messages: sent.length,
    offline_failed: [...failedByStatus.values()].reduce((a, b) => a + b, 0),
    ...Object.fromEntries([...failedByStatus].map(([key, count]) => [`offline_failed_${key.toLowerCase()}`, count])),
    offline_http_p50_ms: round(percentile(httpMs, 50)),
    offline_http_p99_ms: round(percentile(httpMs, 99)),
    offline_send_to_socket_p50_ms: round(percentile(socketMs, 50)),
    offline_send_to_socket_p99_ms: round(percentile(socketMs, 99)),
    offline_replies_at_socket: socketMs.length,
    offline_loadavg_1m: round(os.loadavg()[0]),
  };
}

async function firstToken(): Promise<Record<string, number>> {
  const provider = await FakeOpenAiServer.start();
  provider.fallback = () => ({ kind: 'reply', text: 'What else matters to you here?', firstChunkDelayMs: PROVIDER_DELAY_MS });
  const stack = await TestStack.start({ services: ['session-cycle', 'conversation'], partitions: 2, env: { AI_PROVIDER: 'openai', AI_BASE_URL: provider.baseUrl, AI_MODEL: 'bench' } });
  try {
    const userId = `bench-stream-${Date.now()}`;
    const sessions = await stack.client('session-cycle', userId, { email: 'bench@example.test' });
    await sessions.expect(201, 'POST', '/api/memberships', { tier: 'annual' });
    const sessionId = await createSession(sessions, 'bench stream');
    const chat = await stack.client('conversation', userId);
    const token = await stack.token(userId);
    const added: number[] = [];
    const passThrough: number[] = [];
    for (let i = 0; i < STREAM_SAMPLES; i++) {
      // A fresh conversation each time, so every sample is a gathering turn: exactly one (streamed) model call.
      const cycleId = await createCycle(sessions, sessionId);
      await sessions.expect(200, 'POST', `/api/cycles/${cycleId}/components/issue_raising/start`);
      const conversationId = await waitFor(async () => (await chat.get(`/api/conversations?cycle_id=${cycleId}&component_type=issue_raising`)).body?.id as string | undefined, { timeoutMs: 60_000, what: 'conversation' });
      const before = provider.requests.length;
      const sent = performance.now();
      const stream = readSse(`${stack.url('conversation')}/api/conversations/${conversationId}/messages`, token, { content: `Considerations:\n- point ${i}` });
      await stream.next('delta');
      const arrived = performance.now();
      await stream.all();
      const request = provider.requests[before];
      added.push(arrived - sent - PROVIDER_DELAY_MS);
      if (request?.firstChunkAt !== undefined) passThrough.push(arrived - request.firstChunkAt);
    }
    added.sort((a, b) => a - b);
    passThrough.sort((a, b) => a - b);
    return {
      first_token_provider_delay_ms: PROVIDER_DELAY_MS,
      first_token_samples: added.length,
      first_token_added_p50_ms: round(percentile(added, 50)),
      first_token_added_p99_ms: round(percentile(added, 99)),
      first_token_added_p50_bound_ms: 5,
      first_token_provider_chunk_to_client_p50_ms: round(percentile(passThrough, 50)),
      first_token_loadavg_1m: round(os.loadavg()[0]),
    };
  } finally {
    await stack.stop();
    await provider.close();
  }
}

export async function run(): Promise<void> {
  const stack = await TestStack.start({ partitions: 8 });
  let figures: Record<string, number>;
  try {
    process.stdout.write(`conversation: ${RATE} messages/s for ${SECONDS} s over ${USERS} conversations (offline facilitator)\n`);
    figures = await roundTrips(stack);
  } catch (error) {
    process.stderr.write(`${stack.logs(40)}\n`);
    throw error;
  } finally {
    await stack.stop();
  }
  process.stdout.write(`conversation: first streamed token, ${STREAM_SAMPLES} samples, provider delay ${PROVIDER_DELAY_MS} ms\n`);
  Object.assign(figures, await firstToken());
  writeResults('conversation', figures);
}
