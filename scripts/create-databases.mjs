#!/usr/bin/env node
// Creates the six service databases (choice_<service>) on the server of PG_URL (environment or config/local.env;
// default postgres://postgres@127.0.0.1:5432) when they are missing. Safe to run again and concurrently.
//   npm run db:create
import pg from 'pg';
import { localEnv } from './env-file.mjs';

export const SERVICE_DATABASES = [
  'choice_session_cycle',
  'choice_conversation',
  'choice_analysis_worker',
  'choice_dashboard_projector',
  'choice_notifier',
  'choice_ws_gateway',
];

export async function createDatabases(serverUrl, names = SERVICE_DATABASES) {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  const created = [];
  try {
    for (const name of names) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) continue;
      try {
        await client.query(`CREATE DATABASE "${name}"`);
        created.push(name);
      } catch (error) {
        // Another process created it between the check and the CREATE.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
  return created;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = localEnv();
  const server = env.PG_URL || 'postgres://postgres@127.0.0.1:5432';
  createDatabases(server).then(
    (created) => {
      const existing = SERVICE_DATABASES.filter((name) => !created.includes(name));
      process.stdout.write(`databases: created [${created.join(', ')}], already present [${existing.join(', ')}]\n`);
    },
    (error) => {
      process.stderr.write(`db:create failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
