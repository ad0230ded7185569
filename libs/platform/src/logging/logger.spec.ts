import { Writable } from 'node:stream';
import { runWithCorrelationId } from '../correlation/correlation-context';
import { createLogger } from './logger';
import { PinoNestLogger } from './pino-nest-logger';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { TEST_ADMIN_DATABASE_URL } from '../testing/test-database';
import { describeError } from './describe-error';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('pino logger', () => {
  it('writes JSON lines with service, level, time and the active correlation id', () => {
    const out = capture();
    const logger = createLogger('notifier', 'info', out.stream);
    runWithCorrelationId('0b7c2a53-5c1e-4b8e-9f61-2f4d7e3c9a10', () => logger.info({ event_id: 'e1' }, 'handled'));
    expect(out.lines()[0]).toMatchObject({
      level: 'info',
      service: 'notifier',
      msg: 'handled',
      event_id: 'e1',
      correlation_id: '0b7c2a53-5c1e-4b8e-9f61-2f4d7e3c9a10',
    });
  });

  it('redacts tokens, payloads, message content, emails, titles and outputs', () => {
    const out = capture();
    const logger = createLogger('notifier', 'info', out.stream);
    logger.info({
      authorization: 'Bearer eyJsecret',
      token: 'eyJtoken',
      payload: { title: 'my divorce' },
      event: { payload: { content: 'private text' }, email: 'a@b.c' },
      req: { headers: { authorization: 'Bearer eyJheader' } },
      output: { items: ['x'] },
      password: 'hunter2',
    });
    const text = JSON.stringify(out.lines()[0]);
    for (const secret of ['eyJsecret', 'eyJtoken', 'my divorce', 'private text', 'a@b.c', 'eyJheader', 'hunter2', '"items"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('carries Nest log calls (context, errors) through pino', () => {
    const out = capture();
    const nest = new PinoNestLogger(createLogger('notifier', 'debug', out.stream));
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionHandler');
    nest.warn({ msg: 'lease tick failed', group: 'notifier' });
    const [log, error, warn] = out.lines();
    expect(log).toMatchObject({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' });
    expect(error).toMatchObject({ level: 'error', context: 'ExceptionHandler', msg: 'boom', stack: 'Error: boom\n    at x' });
    expect(warn).toMatchObject({ level: 'warn', msg: 'lease tick failed', group: 'notifier' });
  });
});

describe('describeError', () => {
  async function databaseError(): Promise<Error> {
    const client = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
    await client.connect();
    try {
      await client.query('SELECT $1::uuid', ['my-secret-decision-title']);
      throw new Error('expected the query to fail');
    } catch (error) {
      return error as Error;
    } finally {
      await client.end();
    }
  }

  it('keeps only SQLSTATE, constraint and table of a database error, never the echoed input', async () => {
    const pgError = await databaseError();
    expect(pgError.message).toContain('my-secret-decision-title');
    const described = describeError(pgError);
    expect(described).toMatchObject({ code: '22P02' });
    expect(JSON.stringify(described)).not.toContain('my-secret-decision-title');
    const typeormError = new QueryFailedError('SELECT $1::uuid', ['my-secret-decision-title'], pgError);
    expect(JSON.stringify(describeError(typeormError))).not.toContain('my-secret-decision-title');
    expect(describeError(typeormError)).toMatchObject({ type: 'QueryFailedError', code: '22P02' });
  });

  it('keeps the message of other errors and the stack frames without the message line', () => {
    const described = describeError(new TypeError('cannot read x of undefined'));
    expect(described).toMatchObject({ type: 'TypeError', message: 'cannot read x of undefined' });
    expect(described.stack).toMatch(/^\s+at /);
  });
});
