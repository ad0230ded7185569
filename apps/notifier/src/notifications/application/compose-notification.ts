import { Inject, Injectable } from '@nestjs/common';
import { NOTIFIER_SETTINGS_TOKEN, NotifierSettings } from '../../notifier.settings';
import { isOptional, messageIdFor, QueuedNotification } from '../domain/notification';
import type { RenderedEmail } from '../domain/templates/layout';
import { cancelledEmail, upgradedEmail, welcomeEmail } from '../domain/templates/membership.templates';
import { cycleSummaryEmail } from '../domain/templates/cycle-summary.template';
import { OutgoingEmail, PREFERENCE_STORE, PreferenceStore, PROJECTION_STORE, ProjectionStore, Tx, UNSUBSCRIBE_TOKENS, UnsubscribeTokens } from './ports';

export type Composition =
  | { kind: 'email'; email: OutgoingEmail }
  /** Not to be sent at all (the user turned summaries off, or no address ever arrived). */
  | { kind: 'skip'; reason: string }
  /** Not yet: the recipient's address may still arrive with a membership event on another partition. */
  | { kind: 'wait'; reason: string; retryAt: Date };

/** Builds the email of a notification from what the notifier knows now, in the sender's transaction. */
@Injectable()
export class ComposeNotification {
  constructor(
    @Inject(NOTIFIER_SETTINGS_TOKEN) private readonly settings: NotifierSettings,
    @Inject(PROJECTION_STORE) private readonly projections: ProjectionStore,
    @Inject(PREFERENCE_STORE) private readonly preferences: PreferenceStore,
    @Inject(UNSUBSCRIBE_TOKENS) private readonly tokens: UnsubscribeTokens,
  ) {}

  async execute(tx: Tx, notification: QueuedNotification, now = new Date()): Promise<Composition> {
    const facts = notification.facts;
    const userId = notification.userId ?? (facts.kind === 'cycle_summary' ? (await this.projections.session(tx, facts.session_id))?.userId ?? null : null);
    const address = userId === null ? null : await this.projections.recipientAddress(tx, userId);
    if (userId === null || address === null) return this.waitForRecipient(notification, now, userId === null ? 'no_owner' : 'no_address');
    if (isOptional(notification.kind) && !(await this.preferences.cycleSummaries(tx, userId))) return { kind: 'skip', reason: 'unsubscribed' };
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    let rendered: RenderedEmail;
    const links = { appUrl: `${this.settings.publicUrl}/` };
    switch (facts.kind) {
      case 'welcome':
        rendered = welcomeEmail(facts, links);
        break;
      case 'membership_upgraded':
        rendered = upgradedEmail(facts, links);
        break;
      case 'membership_cancelled':
        rendered = cancelledEmail(facts, links);
        break;
      case 'cycle_summary': {
        const unsubscribeUrl = `${this.settings.publicUrl}/api/notifications/unsubscribe?token=${await this.tokens.issue(userId)}`;
        // RFC 8058: one POST to this URL unsubscribes, without a login or a page.
        headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
        const session = await this.projections.session(tx, facts.session_id);
        const cycle = await this.projections.cycleSummaryFacts(tx, facts.cycle_id);
        const best = cycle.pugh?.bestAlternativeId ?? null;
        rendered = cycleSummaryEmail({
          sessionTitle: session?.title ?? null,
          dqScore: facts.dq_score,
          pugh: cycle.pugh === null ? null : best === null ? { best: null } : { best: { id: best, name: cycle.names[best] ?? null } },
          dashboardUrl: `${this.settings.publicUrl}/sessions/${facts.session_id}?cycle=${facts.cycle_id}`,
          unsubscribeUrl,
        });
        break;
      }
    }
    return {
      kind: 'email',
      email: { ...rendered, to: address, from: this.settings.mailFrom, messageId: messageIdFor(notification.key, this.settings.messageIdDomain), headers },
    };
  }

  private waitForRecipient(notification: QueuedNotification, now: Date, reason: string): Composition {
    const wait = this.settings.recipientWaitMs;
    const remaining = notification.createdAt.getTime() + wait - now.getTime();
    if (remaining <= 0) return { kind: 'skip', reason };
    return { kind: 'wait', reason, retryAt: new Date(now.getTime() + Math.min(remaining, Math.max(1_000, wait / 10))) };
  }
}
