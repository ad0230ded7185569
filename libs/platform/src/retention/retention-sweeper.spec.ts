import { RetentionSweeper, type RetentionTarget } from './retention-sweeper';

/** A table of rows with ages, deleting like the bounded DELETE does. */
class FakeTable implements RetentionTarget {
  readonly calls: Array<{ cutoff: Date; limit: number }> = [];
  constructor(
    readonly name: string,
    public rows: Date[],
    private readonly failing = false,
  ) {}

  async deleteOlderThan(cutoff: Date, limit: number): Promise<number> {
    this.calls.push({ cutoff, limit });
    if (this.failing) throw new Error('relation does not exist');
    const old = this.rows.filter((at) => at < cutoff).slice(0, limit);
    this.rows = this.rows.filter((at) => !old.includes(at));
    return old.length;
  }
}

const NOW = new Date('2026-12-01T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe('RetentionSweeper', () => {
  it('deletes what is older than the retention, in batches of batchSize, at most maxBatchesPerSweep per sweep', async () => {
    const table = new FakeTable('t', [...Array.from({ length: 12 }, (_, i) => hoursAgo(30 + i)), hoursAgo(1), hoursAgo(23)]);
    const sweeper = new RetentionSweeper('test', [table], { retentionMs: 24 * 3_600_000, intervalMs: 60_000, batchSize: 5, maxBatchesPerSweep: 2 });

    expect(await sweeper.sweep(NOW)).toBe(10);
    expect(table.calls).toEqual([
      { cutoff: hoursAgo(24), limit: 5 },
      { cutoff: hoursAgo(24), limit: 5 },
    ]);
    expect(await sweeper.sweep(NOW)).toBe(2);
    expect(await sweeper.sweep(NOW)).toBe(0);
    expect(table.rows).toEqual([hoursAgo(1), hoursAgo(23)]);
  });

  it('stops a target at the first short batch, and one failing target does not keep the others from being swept', async () => {
    const broken = new FakeTable('broken', [hoursAgo(50)], true);
    const table = new FakeTable('t', [hoursAgo(50), hoursAgo(60)]);
    const sweeper = new RetentionSweeper('test', [broken, table], { retentionMs: 24 * 3_600_000, intervalMs: 60_000, batchSize: 5 });

    expect(await sweeper.sweep(NOW)).toBe(2);
    expect(table.calls).toHaveLength(1);
    expect(table.rows).toEqual([]);
  });

  it('joins a sweep under way instead of running a second one', async () => {
    const table = new FakeTable('t', [hoursAgo(50)]);
    const sweeper = new RetentionSweeper('test', [table], { retentionMs: 3_600_000, intervalMs: 60_000 });

    const [first, second] = await Promise.all([sweeper.sweep(NOW), sweeper.sweep(NOW)]);
    expect([first, second]).toEqual([1, 1]);
    expect(table.calls).toHaveLength(1);
    await sweeper.stop();
  });
});
