import { DataSource } from 'typeorm';
import { OutboxRelay } from '../outbox-relay';

/**
 * A relay in its own process for crash tests: `node relay-process.js '<json config>'`.
 * After Redis confirmed the first batch's XADDs it reports `xadded <n>` and hangs before marking the rows published,
 * so the parent can SIGKILL it exactly between XADD and mark.
 */
interface ChildConfig {
  databaseUrl: string;
  redisUrl: string;
  layout: { prefix: string; partitions: number };
  batchSize: number;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl, poolSize: 2 });
  await dataSource.initialize();
  const relay = new OutboxRelay({
    dataSource,
    redisUrl: config.redisUrl,
    layout: config.layout,
    batchSize: config.batchSize,
    name: 'relay-child',
    beforeMarkPublished: async (eventIds) => {
      process.stdout.write(`xadded ${eventIds.length}\n`);
      await new Promise(() => undefined);
    },
  });
  relay.start();
  process.stdout.write('ready\n');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
