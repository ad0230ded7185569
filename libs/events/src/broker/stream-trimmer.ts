import type Redis from 'ioredis';

/**
 * The lowest id some group may still need: per group, its oldest pending entry, or the entry after its
 * last-delivered id. Everything below it was delivered and acknowledged by every group.
 */
export async function safeTrimId(redis: Redis, stream: string): Promise<string | null> {
  const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
  let floor: string | null = null;
  for (const flat of groups) {
    const info = toRecord(flat);
    const name = String(info.name);
    const summary = (await redis.xpending(stream, name)) as [number, string | null, string | null, unknown];
    const needed = summary[0] > 0 && summary[1] ? summary[1] : successor(String(info['last-delivered-id']));
    if (floor === null || compareIds(needed, floor) < 0) floor = needed;
  }
  return floor;
}

/** XTRIM MINID to the safe id, keeping at least `retentionMs` of history; returns the entries removed. */
export async function trimStream(redis: Redis, stream: string, retentionMs: number): Promise<number> {
  const safe = await safeTrimId(redis, stream);
  if (!safe) return 0;
  const retained = `${Math.max(0, Date.now() - retentionMs)}-0`;
  const minId = compareIds(safe, retained) < 0 ? safe : retained;
  return redis.xtrim(stream, 'MINID', minId);
}

export async function groupLag(redis: Redis, stream: string, group: string): Promise<number | null> {
  const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
  const info = groups.map(toRecord).find((g) => g.name === group);
  return info && typeof info.lag === 'number' ? info.lag : null;
}

function toRecord(flat: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = flat[i + 1];
  return record;
}

function successor(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq ?? '0') + 1n}`;
}

export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}
