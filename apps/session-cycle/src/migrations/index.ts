import { CONSUMER_MIGRATIONS, OUTBOX_MIGRATIONS } from '@choice-sherpa/events';
import { CreateSessionCycleTables1764300000000 } from './1764300000000-create-session-cycle-tables';
import { CreateConsumerRecords1764300000001 } from './1764300000001-create-consumer-records';
import { OrderDqScoresBySequence1764300000002 } from './1764300000002-order-dq-scores-by-sequence';

/** Everything the service's database needs: the outbox (producer), processed/dead-letter events (consumer), our tables. */
export const SESSION_CYCLE_MIGRATIONS = [
  ...OUTBOX_MIGRATIONS,
  ...CONSUMER_MIGRATIONS,
  CreateSessionCycleTables1764300000000,
  CreateConsumerRecords1764300000001,
  OrderDqScoresBySequence1764300000002,
];
