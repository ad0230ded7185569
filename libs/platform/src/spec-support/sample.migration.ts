import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSampleThings1764000000001 implements MigrationInterface {
  name = 'CreateSampleThings1764000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE sample_things (id uuid PRIMARY KEY)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sample_things');
  }
}
