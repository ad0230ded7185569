import { readServerSentEvents, ServerSentEvent } from './sse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads named events with JSON data, in order', async () => {
    const events = await collect(['event: user_message\ndata: {"id":"1"}\n\n', 'event: delta\ndata: {"text":"Hel"}\n\nevent: done\ndata: {}\n\n']);
    expect(events).toEqual([
      { event: 'user_message', data: '{"id":"1"}' },
      { event: 'delta', data: '{"text":"Hel"}' },
      { event: 'done', data: '{}' },
    ]);
  });

  it('joins data lines, ignores comments, defaults the name to message, accepts CRLF split across chunks', async () => {
    const events = await collect([': keep-alive\r\n', 'data: a\r', '\ndata: b\r\n\r\n', 'event: delta\ndata:no-space\n', '\n']);
    expect(events).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'delta', data: 'no-space' },
    ]);
  });

  it('splits multi-byte characters across chunks correctly and keeps an unterminated last event', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"é🙂"}\n\ndata: tail');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    for await (const event of readServerSentEvents(stream)) events.push(event);
    expect(events).toEqual([
      { event: 'delta', data: '{"text":"é🙂"}' },
      { event: 'message', data: 'tail' },
    ]);
  });
});
