import { createTestDatabase, TestDatabase } from '@choice-sherpa/platform/testing';
import { DataSource } from 'typeorm';
import { SESSION_CYCLE_MIGRATIONS } from '../src/migrations';
import { SessionEntity } from '../src/session/infrastructure/session.entity';
import { findLocked, updateWhere } from '../src/shared/infrastructure/row-sql';
import { SESSION_CYCLE_ENTITIES } from '../src/shared/interface/entities';

// The command path's plain-SQL row lock and versioned update read and write exactly what TypeORM's own find/update do.
describe('row-sql: findLocked and updateWhere against TypeORM', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const id = '0190c1d2-0000-7000-8000-000000000001';

  beforeAll(async () => {
    database = await createTestDatabase('row_sql');
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: SESSION_CYCLE_ENTITIES, migrations: SESSION_CYCLE_MIGRATIONS });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.manager.insert(SessionEntity, {
      id,
      user_id: 'owner',
      title: 'A "quoted" title',
      description: 'kept',
      status: 'active',
      cycle_ids: ['c-1'],
      version: 1,
      created_at: new Date('2026-01-02T03:04:05.678Z'),
      updated_at: new Date('2026-01-02T03:04:05.678Z'),
      archived_at: null,
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('finds the row by every given column, shaped as TypeORM hydrates it, and nothing for another owner', async () => {
    await dataSource.transaction(async (manager) => {
      const expected = await manager.findOne(SessionEntity, { where: { id } });
      expect(await findLocked(manager, SessionEntity, { id, user_id: 'owner' })).toEqual({ ...expected });
      expect(await findLocked(manager, SessionEntity, { id, user_id: 'someone-else' })).toBeUndefined();
    });
  });

  it('updates only the matching version, jsonb as JSON, nulls as NULL, and leaves undefined properties alone', async () => {
    const stale = await dataSource.transaction((manager) => updateWhere(manager, SessionEntity, { id, version: 7 }, { title: 'never', version: 8 }));
    expect(stale).toBe(0);
    const changed = await dataSource.transaction((manager) =>
      updateWhere(manager, SessionEntity, { id, version: 1 }, { title: 'renamed', cycle_ids: ['c-1', 'c-2'], description: undefined, archived_at: null, version: 2 }),
    );
    expect(changed).toBe(1);
    expect(await dataSource.manager.findOne(SessionEntity, { where: { id } })).toMatchObject({
      title: 'renamed',
      cycle_ids: ['c-1', 'c-2'],
      description: 'kept',
      archived_at: null,
      version: 2,
    });
  });
});
