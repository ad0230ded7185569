import http from 'node:http';
import { jwtVerify } from 'jose';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { aggregateHash } from '../../libs/events/src/outbox/aggregate-hash';

// The floor of the command path: a bare Node HTTP server doing by hand what a session rename costs in
// session-cycle (JWT check, JSON body, one transaction: lock the row, update it, take the aggregate's sequence,
// insert the outbox row), against a database with session-cycle's tables. The command-path bench runs it beside
// session-cycle, in one run, so the ratio between the two is reproducible. Not a service: no validation library,
// no framework, nothing but the work.
//   DATABASE_URL, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, PORT (0 = any free port); prints `listening <port>`.

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? '');
const verifyOptions = { algorithms: ['HS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE };
const RENAME = /^\/api\/sessions\/([0-9a-f-]{36})$/;

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

async function rename(userId: string, sessionId: string, title: string): Promise<Record<string, unknown> | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const found = await client.query('SELECT title, version FROM sessions WHERE id = $1 AND user_id = $2 FOR UPDATE', [sessionId, userId]);
    if (found.rowCount === 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const { title: oldTitle, version } = found.rows[0] as { title: string; version: number };
    const now = new Date().toISOString();
    await client.query('UPDATE sessions SET title = $1, updated_at = $2, version = version + 1 WHERE id = $3', [title, now, sessionId]);
    const sequence = await client.query(
      `INSERT INTO outbox_aggregate_sequences (aggregate_id, last_sequence) VALUES ($1, 1)
       ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = outbox_aggregate_sequences.last_sequence + 1
       RETURNING last_sequence`,
      [sessionId],
    );
    const envelope = {
      event_id: uuidv7(),
      event_type: 'session.renamed',
      aggregate_id: sessionId,
      aggregate_type: 'session',
      occurred_at: now,
      payload: { session_id: sessionId, old_title: oldTitle, new_title: title },
      metadata: { correlation_id: uuidv7(), causation_id: null, user_id: userId, trace_id: null },
      schema_version: 1,
      sequence: Number(sequence.rows[0].last_sequence),
    };
    await client.query(
      `INSERT INTO outbox_events (event_id, event_type, aggregate_type, aggregate_id, aggregate_hash, sequence, schema_version,
                                  occurred_at, correlation_id, envelope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [envelope.event_id, envelope.event_type, 'session', sessionId, aggregateHash(sessionId), envelope.sequence, 1, now, envelope.metadata.correlation_id, JSON.stringify(envelope)],
    );
    await client.query('COMMIT');
    return { id: sessionId, title, version: version + 1, updated_at: now };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const server = http.createServer((request, response) => {
  void (async () => {
    const match = request.method === 'PATCH' ? RENAME.exec(request.url ?? '') : null;
    if (!match) return reply(response, 404, { error: { code: 'NOT_FOUND', message: 'no such route', details: [] } });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    let userId: string | undefined;
    try {
      userId = token ? (await jwtVerify(token, secret, verifyOptions)).payload.sub : undefined;
    } catch {
      userId = undefined;
    }
    if (!userId) return reply(response, 401, { error: { code: 'UNAUTHORIZED', message: 'bad token', details: [] } });
    let title: unknown;
    try {
      title = (JSON.parse(await readBody(request)) as { title?: unknown }).title;
    } catch {
      return reply(response, 400, { error: { code: 'VALIDATION_FAILED', message: 'body is not JSON', details: [] } });
    }
    const trimmed = typeof title === 'string' ? title.trim() : '';
    if (trimmed.length < 1 || trimmed.length > 500) return reply(response, 400, { error: { code: 'VALIDATION_FAILED', message: 'title', details: [] } });
    const session = await rename(userId, match[1], trimmed);
    return session ? reply(response, 200, session) : reply(response, 404, { error: { code: 'NOT_FOUND', message: 'session not found', details: [] } });
  })().catch(() => reply(response, 500, { error: { code: 'INTERNAL', message: 'internal error', details: [] } }));
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
