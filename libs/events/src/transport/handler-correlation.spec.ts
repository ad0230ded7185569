import { currentCorrelationId } from '@choice-sherpa/platform/correlation/correlation-context';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { RedisStreamsClient } from './testing/redis-streams.client';
import type { RedisStreamsServer } from './stream-transport.server';
import { createConsumerDataSource, layoutFor, makeEvent, publishAll, startConsumer } from './testing/transport-harness';

describe('handlers run in the event’s correlation context', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let server: RedisStreamsServer | undefined;
  let client: RedisStreamsClient;

  beforeEach(async () => {
    database = await createTestDatabase('transport_corr');
    dataSource = await createConsumerDataSource(database.url);
  });
  afterEach(async () => {
    await server?.close();
    await client.close();
    await dataSource.destroy();
    await database.drop();
  });

  it('gives each handler invocation the correlation id of the event it handles', async () => {
    const layout = layoutFor(uniqueName('corr'));
    client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
    const seen = new Map<string, string>();
    server = await startConsumer({ url: TEST_REDIS_URL, layout, group: uniqueName('svc'), dataSource }, (event) => {
      seen.set(event.event_id, currentCorrelationId());
    });
    const events = [makeEvent('agg-a', 1), makeEvent('agg-b', 1), makeEvent('agg-a', 2)];
    await publishAll(client, events);
    await waitFor(() => seen.size === events.length, { what: 'all events handled' });
    for (const event of events) expect(seen.get(event.event_id)).toBe(event.metadata.correlation_id);
  });
});
