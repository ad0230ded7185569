import { ConfigError } from '@choice-sherpa/platform';
import { CONVERSATION_SETTINGS, loadConversationSettings } from './conversation.settings';

/** An environment that records which variables the loader reads. */
function recordingEnv(values: Record<string, string> = {}): { env: Record<string, string | undefined>; read: Set<string> } {
  const read = new Set<string>();
  const env = new Proxy(values as Record<string, string | undefined>, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  return { env, read };
}

describe('conversation settings', () => {
  it('reads exactly the names CONVERSATION_SETTINGS lists', () => {
    const { env, read } = recordingEnv({ AI_PROVIDER: 'openai', AI_MODEL: 'm' });
    loadConversationSettings(env);
    expect([...read].sort()).toEqual(CONVERSATION_SETTINGS.map((s) => s.name).sort());
  });

  it('defaults to the offline facilitator', () => {
    expect(loadConversationSettings({})).toMatchObject({ provider: 'offline', timeoutMs: 30_000, maxRetries: 2, apiKey: undefined });
  });

  it('requires a model with the OpenAI-compatible provider and names the setting', () => {
    expect(() => loadConversationSettings({ AI_PROVIDER: 'openai' })).toThrow(ConfigError);
    expect(() => loadConversationSettings({ AI_PROVIDER: 'openai' })).toThrow(/AI_MODEL/);
    expect(() => loadConversationSettings({ AI_PROVIDER: 'gpt' })).toThrow(/AI_PROVIDER/);
    expect(() => loadConversationSettings({ AI_TIMEOUT_MS: 'soon' })).toThrow(/AI_TIMEOUT_MS/);
  });

  it('marks the API key as the only secret', () => {
    expect(CONVERSATION_SETTINGS.filter((s) => s.secret).map((s) => s.name)).toEqual(['AI_API_KEY']);
  });
});
