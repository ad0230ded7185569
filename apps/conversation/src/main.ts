import { startConversation } from './start-conversation';

startConversation().catch(() => process.exit(1));
