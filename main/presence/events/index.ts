// SIP-specific event notification (RFC 6665): subscriber and notifier roles on the UA's dialogs.
export { Notifier } from './notifier';
export type { NotifierPackage, Authorization } from './notifier-package';
export { ServerSubscription } from './server-subscription';
export { ClientSubscription, type ClientSubscriptionOptions, type SubscriberDelegate, type SubscriptionEnd } from './client-subscription';
export { SubscriberDialog } from './subscriber-dialog';
export {
  formatSubscriptionState,
  readSubscriptionState,
  retryAdvice,
  type SubscriptionStateValue,
  type SubscriptionStatus,
  type TerminationReason,
} from './subscription-state';
