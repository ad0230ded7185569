import { ConfigError, EnvReader, type Env, type SettingSpec } from '@choice-sherpa/platform';

export const CONVERSATION_SETTINGS_TOKEN = Symbol('ConversationSettings');

/** The conversation service's own settings (the shared ones come from the platform config). */
export interface ConversationSettings {
  provider: 'offline' | 'openai';
  /** OpenAI-compatible server: `https://api.openai.com/v1`, Ollama's `http://127.0.0.1:11434/v1`, vLLM, LM Studio... */
  baseUrl: string;
  model: string;
  /** A secret: never logged. Servers without authentication (Ollama) need none. */
  apiKey: string | undefined;
  /** Bound on one request to the provider (a streamed reply: on the whole reply). */
  timeoutMs: number;
  /** Retries after a 429, 5xx or connection failure (Retry-After honoured), so at most 1 + maxRetries requests. */
  maxRetries: number;
  /** Size budget of the history sent to the model (characters; the latest messages are kept). */
  historyChars: number;
  /** How long an Idempotency-Key is remembered; older keys are deleted (a repeat after that is a new request). */
  idempotencyKeyRetentionMs: number;
  /** How often old idempotency keys are deleted. */
  idempotencyKeySweepIntervalMs: number;
}

export const CONVERSATION_SETTINGS: readonly SettingSpec[] = [
  { name: 'AI_PROVIDER', required: false, default: 'offline', secret: false, description: 'offline (deterministic, no network) or openai (any OpenAI-compatible chat-completions server)' },
  { name: 'AI_BASE_URL', required: false, default: 'https://api.openai.com/v1', secret: false, description: 'the OpenAI-compatible server (Ollama: http://127.0.0.1:11434/v1)' },
  { name: 'AI_MODEL', required: false, default: '(required with AI_PROVIDER=openai)', secret: false, description: 'the model name the server knows' },
  { name: 'AI_API_KEY', required: false, secret: true, description: 'the provider API key (not needed by servers without authentication)' },
  { name: 'AI_TIMEOUT_MS', required: false, default: '30000', secret: false, description: 'bound on one model request; past it the reply is 503 AI_UNAVAILABLE' },
  { name: 'AI_MAX_RETRIES', required: false, default: '2', secret: false, description: 'retries after 429/5xx/connection errors, honouring Retry-After' },
  { name: 'AI_HISTORY_CHARS', required: false, default: '24000', secret: false, description: 'characters of conversation history sent to the model (latest kept)' },
  { name: 'IDEMPOTENCY_KEY_RETENTION_HOURS', required: false, default: '24', secret: false, description: 'how long an Idempotency-Key of POST messages is remembered; older keys are deleted' },
  { name: 'IDEMPOTENCY_KEY_SWEEP_INTERVAL_MS', required: false, default: '60000', secret: false, description: 'how often expired idempotency keys are deleted (bounded batches)' },
];

export function loadConversationSettings(env: Env = process.env): ConversationSettings {
  const read = new EnvReader(env);
  const provider = read.oneOf('AI_PROVIDER', ['offline', 'openai'] as const, 'offline');
  const baseUrl = read.url('AI_BASE_URL', ['https:', 'http:']) ?? 'https://api.openai.com/v1';
  const model = read.optional('AI_MODEL') ?? '';
  if (provider === 'openai' && model === '') throw new ConfigError('AI_MODEL', 'is required with AI_PROVIDER=openai (not set)');
  return {
    provider,
    baseUrl,
    model,
    apiKey: read.optional('AI_API_KEY'),
    timeoutMs: read.integer('AI_TIMEOUT_MS', 30_000, { min: 100, max: 600_000 }),
    maxRetries: read.integer('AI_MAX_RETRIES', 2, { min: 0, max: 10 }),
    historyChars: read.integer('AI_HISTORY_CHARS', 24_000, { min: 1_000, max: 1_000_000 }),
    idempotencyKeyRetentionMs: read.integer('IDEMPOTENCY_KEY_RETENTION_HOURS', 24, { min: 1, max: 8_760 }) * 3_600_000,
    idempotencyKeySweepIntervalMs: read.integer('IDEMPOTENCY_KEY_SWEEP_INTERVAL_MS', 60_000, { min: 1_000, max: 86_400_000 }),
  };
}
