/**
 * Session: one decision context, owned by one user (DOMAIN.md "Sessions").
 *
 *   Session.create({ ownerId, title, description?, id?, now? })  -> session.created
 *   session.rename(title, now?)                                    -> session.renamed (none when the title is unchanged)
 *   session.changeDescription(description | null, now?)           -> no event (the catalog has none)
 *   session.archive(now?)                                          -> session.archived (final)
 *   session.addCycle(cycleId, now?)                                -> no event; from the cycle.created consumer, idempotent
 *   session.assertAcceptsNewCycle()                                -> SESSION_ARCHIVED unless active
 *   session.isOwnedBy(userId), cycleIds, cycleCount, toSnapshot() / Session.fromSnapshot(snapshot)
 *
 * Title trimmed, 1-500 chars; description at most 5000 (blank = none). Rename and description changes need an
 * active session. Ownership is checked by the application layer with `isOwnedBy` (answer 404 otherwise).
 * Events are drained with `pullEvents(metadata)` (see libs/events/src/raising/aggregate-root.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import { AggregateRoot } from '@choice-sherpa/events/raising';
import { checkRule } from '../../shared/domain/business-rule';
import { UserIdRule } from '../../shared/domain/user-id.rule';
import { SessionActiveRule, SessionArchivableRule, SessionDescriptionRule, SessionTitleRule } from './session.rules';
import type { SessionSnapshot } from './session.snapshot';
import { isSessionStatus, type SessionStatus } from './session-status';

export interface CreateSessionInput {
  ownerId: string;
  title: string;
  description?: string | null;
  id?: string;
  now?: Date;
}

interface SessionState {
  ownerId: string;
  title: string;
  description: string | null;
  status: SessionStatus;
  cycleIds: string[];
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

function cleanDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  return trimmed.length ? trimmed : null;
}

export class Session extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private state: SessionState,
  ) {
    super(id, version);
  }

  static create(input: CreateSessionInput): Session {
    checkRule(new UserIdRule(input.ownerId));
    checkRule(new SessionTitleRule(input.title));
    checkRule(new SessionDescriptionRule(input.description));
    const now = input.now ?? new Date();
    const session = new Session(input.id ?? uuidv7(), 0, {
      ownerId: input.ownerId,
      title: input.title.trim(),
      description: cleanDescription(input.description),
      status: 'active',
      cycleIds: [],
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    });
    session.raise('session.created', { session_id: session.id, user_id: input.ownerId, title: session.title, created_at: now.toISOString() }, now);
    return session;
  }

  static fromSnapshot(snapshot: SessionSnapshot): Session {
    if (!isSessionStatus(snapshot.status)) throw new Error(`corrupt session snapshot ${snapshot.id}: status ${String(snapshot.status)}`);
    return new Session(snapshot.id, snapshot.version, {
      ownerId: snapshot.user_id,
      title: snapshot.title,
      description: snapshot.description,
      status: snapshot.status,
      cycleIds: [...snapshot.cycle_ids],
      createdAt: new Date(snapshot.created_at),
      updatedAt: new Date(snapshot.updated_at),
      archivedAt: snapshot.archived_at ? new Date(snapshot.archived_at) : null,
    });
  }

  toSnapshot(): SessionSnapshot {
    return {
      id: this.id,
      user_id: this.state.ownerId,
      title: this.state.title,
      description: this.state.description,
      status: this.state.status,
      cycle_ids: [...this.state.cycleIds],
      version: this.version,
      created_at: new Date(this.state.createdAt),
      updated_at: new Date(this.state.updatedAt),
      archived_at: this.state.archivedAt ? new Date(this.state.archivedAt) : null,
    };
  }

  get ownerId(): string {
    return this.state.ownerId;
  }
  get title(): string {
    return this.state.title;
  }
  get description(): string | null {
    return this.state.description;
  }
  get status(): SessionStatus {
    return this.state.status;
  }
  get isActive(): boolean {
    return this.state.status === 'active';
  }
  get cycleIds(): string[] {
    return [...this.state.cycleIds];
  }
  get cycleCount(): number {
    return this.state.cycleIds.length;
  }
  get createdAt(): Date {
    return new Date(this.state.createdAt);
  }
  get updatedAt(): Date {
    return new Date(this.state.updatedAt);
  }
  get archivedAt(): Date | null {
    return this.state.archivedAt ? new Date(this.state.archivedAt) : null;
  }

  isOwnedBy(userId: string): boolean {
    return this.state.ownerId === userId;
  }

  rename(title: string, now: Date = new Date()): void {
    checkRule(new SessionTitleRule(title));
    checkRule(new SessionActiveRule(this.status));
    const newTitle = title.trim();
    if (newTitle === this.state.title) return;
    const oldTitle = this.state.title;
    this.state = { ...this.state, title: newTitle, updatedAt: now };
    this.raise('session.renamed', { session_id: this.id, old_title: oldTitle, new_title: newTitle }, now);
  }

  changeDescription(description: string | null, now: Date = new Date()): void {
    checkRule(new SessionDescriptionRule(description));
    checkRule(new SessionActiveRule(this.status));
    this.state = { ...this.state, description: cleanDescription(description), updatedAt: now };
  }

  archive(now: Date = new Date()): void {
    checkRule(new SessionArchivableRule(this.status));
    this.state = { ...this.state, status: 'archived', archivedAt: now, updatedAt: now };
    this.raise('session.archived', { session_id: this.id, archived_at: now.toISOString() }, now);
  }

  /** Throws SESSION_ARCHIVED unless a cycle may be created (or branched) in this session. */
  assertAcceptsNewCycle(): void {
    checkRule(new SessionActiveRule(this.status));
  }

  /**
   * Records a cycle of this session (the cycle.created consumer). Idempotent: a known id changes nothing.
   * Accepted also when archived: the cycle exists, the list must say so. Returns whether the list changed.
   */
  addCycle(cycleId: string, now: Date = new Date()): boolean {
    if (this.state.cycleIds.includes(cycleId)) return false;
    this.state = { ...this.state, cycleIds: [...this.state.cycleIds, cycleId], updatedAt: now };
    return true;
  }
}
