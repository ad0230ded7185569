import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanServiceLogs } from './log-scan';
import { confidentialTextOf } from './run-logs';

describe('the service log check', () => {
  it('finds tokens, email addresses and recorded confidential text, naming file and line, and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'log-scan-'));
    writeFileSync(path.join(dir, 'confidential.jsonl'), `${JSON.stringify('Which job offer in Lisbon?')}\n${JSON.stringify('Quote "this" ✓')}\n`);
    writeFileSync(
      path.join(dir, 'session-cycle-1.log'),
      [
        '{"level":30,"msg":"session created","session_id":"0192f0a0-0000-7000-8000-000000000001"}',
        '{"level":30,"msg":"title Which job offer in Lisbon?"}',
        '{"level":40,"auth":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"}',
        '{"level":30,"to":"alice@example.com"}',
        '{"level":30,"msg":"Quote \\"this\\" ✓"}',
        '{"level":30,"msg":"loaded node_modules/@nestjs/core"}',
      ].join('\n'),
    );
    const { files, lines, findings } = scanServiceLogs(dir);
    expect({ files, lines }).toEqual({ files: 1, lines: 6 });
    expect(findings).toEqual([
      { file: 'session-cycle-1.log', line: 2, kind: 'confidential text' },
      { file: 'session-cycle-1.log', line: 3, kind: 'token' },
      { file: 'session-cycle-1.log', line: 4, kind: 'email' },
      { file: 'session-cycle-1.log', line: 5, kind: 'confidential text' },
    ]);
  });

  it('records the free text of a request body, not ids, dates or enum words', () => {
    const body = { title: 'Where to live next year', tier: 'monthly', output: { items: [{ id: 'a1', name: 'Move to Lisbon', direction: 'maximize' }] }, session_id: '0192f0a0-0000-7000-8000-000000000001' };
    expect(confidentialTextOf(body)).toEqual(['Where to live next year', 'Move to Lisbon']);
  });
});
