import { TransactionScope } from '../../transaction/transaction-scope';
import { createConsumerDataSource, startConsumer } from './transport-harness';

/**
 * A consumer in its own process for crash tests: `node consumer-process.js '<json config>'`.
 * Writes the effect inside the idempotent transaction (its ambient one, as a repository would); for `hangOn` it reports `handling <id>` and never commits.
 */
interface ChildConfig {
  url: string;
  databaseUrl: string;
  layout: { prefix: string; partitions: number };
  group: string;
  replica: string;
  hangOn?: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const dataSource = await createConsumerDataSource(config.databaseUrl);
  const transaction = new TransactionScope(dataSource);
  await startConsumer({ url: config.url, layout: config.layout, group: config.group, replica: config.replica, dataSource }, async (event) => {
    await transaction.manager().query('INSERT INTO test_effects (event_id) VALUES ($1)', [event.event_id]);
    if (event.event_id === config.hangOn) {
      process.stdout.write(`handling ${event.event_id}\n`);
      await new Promise(() => undefined);
    }
  }, `${config.group}-handler`);
  process.stdout.write('ready\n');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
