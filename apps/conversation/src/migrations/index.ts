import { CONSUMER_MIGRATIONS, OUTBOX_MIGRATIONS } from '@choice-sherpa/events';
import { CreateConversationTables1764400000000 } from './1764400000000-create-conversation-tables';

export const CONVERSATION_MIGRATIONS = [...CONSUMER_MIGRATIONS, ...OUTBOX_MIGRATIONS, CreateConversationTables1764400000000];
