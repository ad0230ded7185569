export interface SseEvent {
  event: string;
  data: any;
}

/** A streaming POST read as Server-Sent Events, event by event, as a browser's fetch would. */
export function readSse(url: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  let finished = false;
  const done = (async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    if (!response.body) throw new Error(`no stream (${response.status})`);
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          events.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      finished = true;
      waiters.splice(0).forEach((wake) => wake());
    }
  })();
  return {
    async next(name: string, timeoutMs = 30_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => e.event === name);
        if (found) return found.data;
        if (finished) throw new Error(`stream ended without ${name}: ${events.map((e) => e.event).join(', ')}`);
        if (Date.now() > deadline) throw new Error(`no ${name} event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    seen: (name: string) => events.some((e) => e.event === name),
    async all(): Promise<SseEvent[]> {
      await done;
      return events;
    },
    abort: () => controller.abort(),
  };
}
