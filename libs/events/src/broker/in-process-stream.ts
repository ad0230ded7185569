import { compareIds } from './stream-trimmer';
import type { PendingSummary, StreamEntry } from './stream-broker';

interface Stored {
  id: string;
  fields: Readonly<Record<string, string>>;
}

interface Pending {
  consumer: string;
  deliveries: number;
  deliveredAt: number;
}

interface Group {
  /** Absolute position (entries ever appended before it) of the next entry to deliver as new. */
  next: number;
  pending: Map<string, Pending>;
}

/** One stream with Redis consumer-group semantics, in memory: ids `<ms>-<seq>`, increasing. */
export class InProcessStream {
  private readonly entries: Stored[] = [];
  private readonly byId = new Map<string, Stored>();
  /** Entries trimmed from the front so far: absolute position = index + offset. */
  private offset = 0;
  private lastMs = 0;
  private lastSeq = 0;
  private readonly groups = new Map<string, Group>();
  private readonly waiters = new Set<() => void>();

  append(fields: Record<string, string>): string {
    const now = Date.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.lastSeq = 0;
    } else {
      this.lastSeq++;
    }
    const stored = { id: `${this.lastMs}-${this.lastSeq}`, fields: Object.freeze({ ...fields }) };
    this.entries.push(stored);
    this.byId.set(stored.id, stored);
    for (const wake of [...this.waiters]) wake();
    return stored.id;
  }

  ensureGroup(name: string): void {
    if (!this.groups.has(name)) this.groups.set(name, { next: this.offset, pending: new Map() });
  }

  readNew(groupName: string, consumer: string, count: number): StreamEntry[] {
    const group = this.group(groupName);
    const start = group.next - this.offset;
    const taken = this.entries.slice(start, start + count);
    const now = Date.now();
    for (const entry of taken) group.pending.set(entry.id, { consumer, deliveries: 1, deliveredAt: now });
    group.next += taken.length;
    return taken.map(({ id, fields }) => ({ id, fields: { ...fields } }));
  }

  readPending(groupName: string, consumer: string, count: number): StreamEntry[] {
    const group = this.group(groupName);
    const now = Date.now();
    return this.pendingOf(group, consumer)
      .slice(0, count)
      .map(([id, pending]) => {
        pending.deliveries++;
        pending.deliveredAt = now;
        const stored = this.byId.get(id);
        return { id, fields: stored ? { ...stored.fields } : null };
      });
  }

  pendingSummary(groupName: string): PendingSummary {
    const consumers = new Map<string, number>();
    const pending = this.group(groupName).pending;
    for (const { consumer } of pending.values()) consumers.set(consumer, (consumers.get(consumer) ?? 0) + 1);
    return { total: pending.size, consumers };
  }

  deliveryCounts(groupName: string, consumer: string, start: string, end: string): Map<string, number> {
    const inRange = this.pendingOf(this.group(groupName), consumer).filter(([id]) => compareIds(id, start) >= 0 && compareIds(id, end) <= 0);
    return new Map(inRange.map(([id, pending]) => [id, pending.deliveries]));
  }

  claimIdle(groupName: string, consumer: string, idleMs: number): void {
    const now = Date.now();
    for (const pending of this.group(groupName).pending.values()) {
      if (pending.consumer !== consumer && now - pending.deliveredAt >= idleMs) {
        pending.consumer = consumer;
        pending.deliveredAt = now;
      }
    }
  }

  ack(groupName: string, ids: string[]): void {
    const group = this.group(groupName);
    for (const id of ids) group.pending.delete(id);
  }

  lag(groupName: string): number | null {
    const group = this.groups.get(groupName);
    return group ? this.offset + this.entries.length - group.next : null;
  }

  /** Like the Redis trimmer: never past any group's oldest pending or undelivered entry, and keeps retentionMs. */
  trim(retentionMs: number): number {
    if (this.groups.size === 0) return 0;
    let keepFrom = this.offset + this.entries.length;
    for (const group of this.groups.values()) {
      keepFrom = Math.min(keepFrom, group.next);
      for (const id of group.pending.keys()) keepFrom = Math.min(keepFrom, this.positionOf(id));
    }
    const retainedSince = `${Math.max(0, Date.now() - retentionMs)}-0`;
    let removed = 0;
    while (this.offset < keepFrom && this.entries.length > 0 && compareIds(this.entries[0].id, retainedSince) < 0) {
      this.byId.delete(this.entries.shift()!.id);
      this.offset++;
      removed++;
    }
    return removed;
  }

  /** True when every group has had every entry delivered and acknowledged. */
  drained(): boolean {
    const end = this.offset + this.entries.length;
    return [...this.groups.values()].every((group) => group.next === end && group.pending.size === 0);
  }

  /** Resolves on the next append or after ms, whichever comes first; `cancel` resolves it at once. */
  waitForAppend(ms: number): { done: Promise<void>; cancel: () => void } {
    let cancel = () => undefined as void;
    const done = new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.waiters.add(finish);
      cancel = finish;
    });
    return { done, cancel };
  }

  private group(name: string): Group {
    const group = this.groups.get(name);
    if (!group) throw new Error(`NOGROUP no consumer group '${name}' on this stream`);
    return group;
  }

  private pendingOf(group: Group, consumer: string): [string, Pending][] {
    return [...group.pending.entries()].filter(([, pending]) => pending.consumer === consumer).sort(([a], [b]) => compareIds(a, b));
  }

  /** Absolute position of a stored id; a trimmed one counts as before the first retained entry. */
  private positionOf(id: string): number {
    const stored = this.byId.get(id);
    return stored ? this.offset + this.entries.indexOf(stored) : this.offset;
  }
}
