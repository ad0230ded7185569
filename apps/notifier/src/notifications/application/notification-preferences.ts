import { Inject, Injectable, Logger } from '@nestjs/common';
import { PREFERENCE_STORE, PreferenceStore, UNSUBSCRIBE_TOKENS, UnsubscribeTokens } from './ports';

export interface Preferences {
  cycleSummaries: boolean;
}

/** A user's notification preferences: set while signed in, or turned off with the token of an email's link. */
@Injectable()
export class NotificationPreferences {
  private readonly logger = new Logger('NotificationPreferences');

  constructor(
    @Inject(PREFERENCE_STORE) private readonly store: PreferenceStore,
    @Inject(UNSUBSCRIBE_TOKENS) private readonly tokens: UnsubscribeTokens,
  ) {}

  async get(userId: string): Promise<Preferences> {
    return { cycleSummaries: await this.store.cycleSummaries(null, userId) };
  }

  async set(userId: string, preferences: Preferences): Promise<Preferences> {
    await this.store.setCycleSummaries(userId, preferences.cycleSummaries);
    return preferences;
  }

  /** Throws InvalidUnsubscribeToken for a forged, altered or expired token. */
  async checkToken(token: string): Promise<void> {
    await this.tokens.verify(token);
  }

  /** One-click unsubscribe: the user the token was issued to stops receiving cycle summaries. */
  async unsubscribe(token: string): Promise<Preferences> {
    const userId = await this.tokens.verify(token);
    await this.store.setCycleSummaries(userId, false);
    this.logger.log({ msg: 'cycle summaries turned off by unsubscribe link', user_id: userId });
    return { cycleSummaries: false };
  }
}
