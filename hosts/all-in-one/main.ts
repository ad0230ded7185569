import path from 'node:path';
import { startAllInOne } from './all-in-one';
import { loadHostSettings } from './host-settings';

// `npm start`: the whole system in one process on one origin (see all-in-one.ts). Ctrl-C stops it cleanly.
const startedAt = process.hrtime.bigint();
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const say = (line: string) => process.stdout.write(`[choice-sherpa] ${line}\n`);
// A closed terminal or pipe must not end the process mid-shutdown (EPIPE): the services and PostgreSQL still stop.
process.stdout.on('error', () => undefined);

async function main(): Promise<void> {
  const settings = loadHostSettings(process.env, repoRoot);
  const running = await startAllInOne(settings, path.join(repoRoot, 'apps', 'web', 'dist'), say);
  const readyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  say(`ready on ${running.url} in ${(readyMs / 1000).toFixed(1)} s (rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`);
  say(`  open ${running.url} in a browser; the APIs and Socket.IO (/socket.io, namespace /live) are on the same origin`);
  if (process.env.DEV_LOGIN === 'true') {
    say(`  sign in: curl -s -X POST ${running.url}/api/dev/token -H 'content-type: application/json' -d '{"user_id": "alice"}'`);
    say('           (or npm run token -- alice), then send Authorization: Bearer <token>');
  }
  say(`  PostgreSQL: ${settings.externalPgUrl ? 'from PG_URL/DATABASE_URL' : `embedded, data in ${path.relative(repoRoot, settings.dataDir) || settings.dataDir}`}; events: ${settings.redisUrl ? 'Redis Streams at REDIS_URL' : 'in-process broker'}`);
  say('  Ctrl-C stops everything');
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      if (signals > 2) process.exit(130);
      return say('still stopping (PostgreSQL is flushed last); once more forces an exit');
    }
    say(`${signal}: stopping`);
    running.stop().then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error: Error) => {
        say(`stop failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: Error) => {
  say(`failed to start: ${error.message}`);
  process.exit(1);
});
