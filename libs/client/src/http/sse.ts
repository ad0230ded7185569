/** One Server-Sent Event: its `event` name (default "message") and its `data` lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Parses a text/event-stream body (the WHATWG format: `field: value` lines, a blank line ends an event,
 * `:` comments, CR, LF or CRLF line ends) into events as they arrive.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let current: { event: string; data: string[]; id?: string } = { event: '', data: [] };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // a CR at the end may be the first half of a CRLF split across chunks: keep it for the next round
      const heldCr = !done && buffer.endsWith('\r');
      const lines = (heldCr ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
      // the last piece is an incomplete line
      buffer = done ? '' : (lines.pop() ?? '') + (heldCr ? '\r' : '');
      for (const line of lines) {
        if (line === '') {
          if (current.data.length > 0) yield { event: current.event || 'message', data: current.data.join('\n'), ...(current.id ? { id: current.id } : {}) };
          current = { event: '', data: [] };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const raw = colon === -1 ? '' : line.slice(colon + 1);
        const text = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'event') current.event = text;
        else if (field === 'data') current.data.push(text);
        else if (field === 'id') current.id = text;
      }
      if (done) {
        if (current.data.length > 0) yield { event: current.event || 'message', data: current.data.join('\n') };
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
