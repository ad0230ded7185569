import { CONSUMER_MIGRATIONS, OUTBOX_MIGRATIONS } from '@choice-sherpa/events';
import { IndexIdempotencyKeysByAge1764400000001 } from './1764400000001-index-idempotency-keys-by-age';
import { CreateConversationTables1764400000000 } from './1764400000000-create-conversation-tables';

export const CONVERSATION_MIGRATIONS = [...CONSUMER_MIGRATIONS, ...OUTBOX_MIGRATIONS, CreateConversationTables1764400000000, IndexIdempotencyKeysByAge1764400000001];
