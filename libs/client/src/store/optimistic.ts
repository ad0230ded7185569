import type { EventType } from '../events/event-payloads';
import type { LiveEvent } from '../events/live-event';
import type { ApiError } from '../http/api-error';
import type { SessionView } from '../http/api-types';

/**
 * A command of the user's own, shown before the server confirms it. It is drawn over the confirmed view until the
 * event it causes (same correlation id, one of `settlesOn`) is in the confirmed view, so nothing flickers back in
 * between; a failed command is removed, which rolls the change back, and its error is reported.
 */
export interface PendingCommand {
  id: string;
  correlationId: string;
  /** what the user did, for error messages: "rename the session" */
  label: string;
  settlesOn: readonly EventType[];
  apply(view: SessionView): SessionView;
  /** when the HTTP answer was a success (ms); from then on its event settles it */
  acknowledgedAt: number | null;
}

export interface CommandFailure {
  label: string;
  error: ApiError;
  at: number;
}

export class PendingCommands {
  private commands: PendingCommand[] = [];

  get all(): readonly PendingCommand[] {
    return this.commands;
  }

  add(command: PendingCommand): void {
    this.commands = [...this.commands, command];
  }

  acknowledge(id: string, now: number): void {
    this.commands = this.commands.map((c) => (c.id === id ? { ...c, acknowledgedAt: now } : c));
  }

  remove(id: string): void {
    this.commands = this.commands.filter((c) => c.id !== id);
  }

  /** Removes the commands this event (now part of the confirmed view) settles; whether any was. */
  settle(event: LiveEvent): boolean {
    const before = this.commands.length;
    this.commands = this.commands.filter((c) => !(c.correlationId === event.correlation_id && c.settlesOn.includes(event.event_type)));
    return this.commands.length !== before;
  }

  /**
   * After a reload: a command acknowledged long enough ago is in the reloaded view even if its event never reached
   * this client (the gateway's log no longer had it). Younger ones wait for their event: the read model may lag.
   */
  settleAcknowledgedBefore(cutoff: number): void {
    this.commands = this.commands.filter((c) => c.acknowledgedAt === null || c.acknowledgedAt > cutoff);
  }

  drawOver(view: SessionView): SessionView {
    return this.commands.reduce((current, command) => command.apply(current), view);
  }
}
