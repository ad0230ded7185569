export { TransactionScope, NoAmbientTransactionError } from './transaction-scope';
export type { TransactionHandle } from './ambient-transaction';
