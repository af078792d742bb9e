/** Call transfer in the endpoint: REFER progress (RFC 3515), Replaces matching (RFC 3891). */
export { phaseOf, type TransferPhase } from './transfer-phase';
export { readReferNotify, type ReferNotice, type ReferNoticeRead } from './refer-notify';
export { ReferNotifier, REFER_EXPIRES_S, type NotifySender } from './refer-notifier';
export { matchReplaces, type ReplaceableDialog, type ReplacesMatch } from './replaces-match';
