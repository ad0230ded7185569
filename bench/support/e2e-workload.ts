import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ApiClient } from '../../test/support/api-client';
import { LiveEvent, LiveSocket } from '../../test/support/live-socket';
import { createSession } from '../../test/support/journey';
import { SERVICES } from '../../test/support/services';
import { TestStack } from '../../test/support/test-stack';
import { percentile } from './report';

/** One user with one session, a session-cycle client and a socket joined to the session. */
export interface BenchUser {
  sessionId: string;
  api: ApiClient;
  socket: LiveSocket;
}

/**
 * Latency of one command: from its HTTP response at the client to its event's arrival at the owner's
 * socket.io-client. The command is a rename to a unique title, which identifies its `session.renamed` event.
 */
export class E2eLatencyProbe {
  private readonly sentAt = new Map<string, number>();
  private readonly respondedAt = new Map<string, number>();
  private readonly arrivedAt = new Map<string, number>();
  readonly httpMs: number[] = [];
  failedCommands = 0;

  onEvent = (event: LiveEvent): void => {
    const title = event.event_type === 'session.renamed' ? (event.data.new_title as string | undefined) : undefined;
    if (title && !this.arrivedAt.has(title)) this.arrivedAt.set(title, performance.now());
  };

  async command(user: BenchUser, title: string): Promise<void> {
    const sent = performance.now();
    const response = await user.api.patch(`/api/sessions/${user.sessionId}`, { title }).catch(() => undefined);
    const responded = performance.now();
    if (response?.status !== 200) {
      this.failedCommands++;
      return;
    }
    this.httpMs.push(responded - sent);
    this.sentAt.set(title, sent);
    this.respondedAt.set(title, responded);
  }

  get delivered(): number {
    return [...this.respondedAt.keys()].filter((title) => this.arrivedAt.has(title)).length;
  }

  get commanded(): number {
    return this.respondedAt.size;
  }

  /** Response-to-arrival latencies; an event can beat its own HTTP response to the client (then the value is negative). */
  latenciesMs(): number[] {
    return this.since(this.respondedAt);
  }

  /** Request-sent-to-arrival latencies: the whole path including the HTTP command itself. */
  sendToArrivalMs(): number[] {
    return this.since(this.sentAt);
  }

  private since(start: Map<string, number>): number[] {
    return [...start]
      .filter(([title]) => this.arrivedAt.has(title))
      .map(([title, at]) => this.arrivedAt.get(title)! - at)
      .sort((a, b) => a - b);
  }
}

export async function benchUsers(stack: TestStack, count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `bench-user-${i}-${Date.now()}`;
    const api = await stack.client('session-cycle', userId);
    const sessionId = await createSession(api, `bench session ${i}`);
    const socket = await stack.socket(userId);
    await socket.joinWhenKnown(sessionId);
    users.push({ sessionId, api, socket });
  }
  return users;
}

/** Runs `work` with `probe` listening on every user's socket. */
export async function probing<T>(users: BenchUser[], probe: E2eLatencyProbe, work: () => Promise<T>): Promise<T> {
  for (const user of users) user.socket.socket.on('event', probe.onEvent);
  try {
    return await work();
  } finally {
    for (const user of users) user.socket.socket.off('event', probe.onEvent);
  }
}

/** Offers `perSecond` commands for `seconds`, open loop (a slow response never delays the next send), round-robin over users. */
export async function offer(users: BenchUser[], perSecond: number, seconds: number, probe: E2eLatencyProbe, label: string): Promise<void> {
  const total = perSecond * seconds;
  const intervalMs = 1000 / perSecond;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + i * intervalMs - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(probe.command(users[i % users.length], `${label} ${i}`));
  }
  await Promise.all(inFlight);
}

export function summarize(prefix: string, probe: E2eLatencyProbe): Record<string, number> {
  const latencies = probe.latenciesMs();
  const http = [...probe.httpMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    [`${prefix}_commands`]: probe.commanded,
    [`${prefix}_failed_commands`]: probe.failedCommands,
    [`${prefix}_events_delivered`]: probe.delivered,
    [`${prefix}_p50_ms`]: round(percentile(latencies, 50)),
    [`${prefix}_p99_ms`]: round(percentile(latencies, 99)),
    [`${prefix}_max_ms`]: round(latencies.at(-1) ?? Number.NaN),
    [`${prefix}_send_to_arrival_p50_ms`]: round(percentile(probe.sendToArrivalMs(), 50)),
    [`${prefix}_send_to_arrival_p99_ms`]: round(percentile(probe.sendToArrivalMs(), 99)),
    [`${prefix}_http_p50_ms`]: round(percentile(http, 50)),
    [`${prefix}_http_p99_ms`]: round(percentile(http, 99)),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN where unavailable. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Per service and in total (the six processes' user + system time, /proc/<pid>/stat), the CPU milliseconds spent
 * per successful command during `work`, its events delivered to the sockets included: where the path's cost goes.
 */
export async function cpuPerCommand(stack: TestStack, probe: E2eLatencyProbe, prefix: string, work: () => Promise<void>): Promise<Record<string, number>> {
  const before = SERVICES.map((service) => cpuSeconds(stack.service(service).pid));
  await work();
  const after = SERVICES.map((service) => cpuSeconds(stack.service(service).pid));
  const perCommand = (seconds: number) => Math.round((seconds * 1000 * 10) / Math.max(1, probe.commanded)) / 10;
  const spent = SERVICES.map((_, index) => after[index] - before[index]);
  return {
    ...Object.fromEntries(SERVICES.map((service, index) => [`${prefix}_cpu_ms_per_command_${service.replace(/-/g, '_')}`, perCommand(spent[index])])),
    [`${prefix}_cpu_ms_per_command_total`]: perCommand(spent.reduce((sum, value) => sum + value, 0)),
  };
}

/** Per service, CPU milliseconds per second while no command is offered: what polling costs with no traffic. */
export async function idleCpu(stack: TestStack, seconds: number): Promise<Record<string, number>> {
  const before = SERVICES.map((service) => cpuSeconds(stack.service(service).pid));
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsedS = (performance.now() - start) / 1000;
  const after = SERVICES.map((service) => cpuSeconds(stack.service(service).pid));
  const perSecond = SERVICES.map((_, index) => ((after[index] - before[index]) * 1000) / elapsedS);
  return {
    ...Object.fromEntries(SERVICES.map((service, index) => [`idle_cpu_ms_per_s_${service.replace(/-/g, '_')}`, Math.round(perSecond[index] * 10) / 10])),
    idle_cpu_ms_per_s_total: Math.round(perSecond.reduce((sum, value) => sum + value, 0) * 10) / 10,
  };
}
