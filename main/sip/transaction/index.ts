// The SIP transaction layer (RFC 3261 §17, RFC 6026): four state machines on an injected clock,
// and the layer that matches messages to them. It imports only sip/message and lib.
export * from './timers';
export type * from './transaction-state';
export { TransactionTimeoutError, TransactionTransportError, type TransactionError, type TimeoutTimer } from './errors';
export type { Destination, OutgoingMessage, TransactionTransport } from './transaction-transport-delegate';
export type { ClientTransactionUser, IncomingRequestContext, TransactionUser } from './transaction-user-delegate';
export { Transaction, type TimerName, type TransactionContext } from './transaction';
export { InviteClientTransaction } from './invite-client-transaction';
export { NonInviteClientTransaction } from './non-invite-client-transaction';
export { ServerTransaction, type ServerTransactionUser } from './server-transaction';
export { InviteServerTransaction, type InviteServerOptions } from './invite-server-transaction';
export { NonInviteServerTransaction } from './non-invite-server-transaction';
export { ackForNon2xx } from './ack-for-non-2xx';
export {
  TransactionLayer,
  type ClientTransaction,
  type RequestDisposition,
  type TransactionLayerOptions,
} from './transaction-layer';
