import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CreateSampleThings1764000000001 } from '../spec-support/sample.migration';
import { TEST_ADMIN_DATABASE_URL, uniqueName } from '../testing/test-database';
import { ensureDatabase } from './ensure-database';
import { createMigratedDataSource } from './typeorm-options';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlOf(name: string): string {
  const url = new URL(TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('the service database', () => {
  const created: string[] = [];
  const fresh = () => {
    const name = uniqueName('platform_db').replace(/-/g, '_');
    created.push(name);
    return name;
  };
  afterAll(async () => {
    await admin(async (client) => {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it('is created when missing, once, even when several replicas start at the same moment', async () => {
    const name = fresh();
    const results = await Promise.all(Array.from({ length: 6 }, () => ensureDatabase(urlOf(name))));
    expect(results.filter((result) => result.created).length).toBeLessThanOrEqual(1);
    const rows = await admin((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
    expect(rows.rowCount).toBe(1);
    await expect(ensureDatabase(urlOf(name))).resolves.toEqual({ created: false });
  });

  it('refuses a database name that would need quoting tricks', async () => {
    await expect(ensureDatabase(urlOf('bad"name'))).rejects.toThrow(/database name/);
  });

  it('applies each migration once when replicas migrate concurrently (advisory lock)', async () => {
    const name = fresh();
    await ensureDatabase(urlOf(name));
    const options = { type: 'postgres' as const, url: urlOf(name), migrations: [CreateSampleThings1764000000001] };
    // The migration is a plain CREATE TABLE: without the lock one of the replicas would fail on it.
    const sources: DataSource[] = await Promise.all(Array.from({ length: 4 }, () => createMigratedDataSource(options)));
    try {
      const applied = await sources[0].query('SELECT name FROM migrations');
      expect(applied).toEqual([{ name: 'CreateSampleThings1764000000001' }]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
  });
});
