// Instant messaging (RFC 3428 MESSAGE, RFC 3862 CPIM read, RFC 3994 is-composing): the one entry point of main/im.
export { ChatService, type ChatServiceOptions } from './chat-service';
export type { ChatDelegate } from './chat-delegate';
export { sendMessage, MESSAGE_UDP_LIMIT, type SendOutcome, type MessageSendOptions } from './message-sender';
export { parseCpim, type CpimMessage } from './cpim';
export { buildIsComposing, parseIsComposing, IS_COMPOSING_TYPE, REFRESH_SECONDS, IDLE_TIMEOUT_MS, type IsComposing, type ComposingState } from './is-composing';
export { ComposingSender } from './composing-sender';
export { ComposingReceiver } from './composing-receiver';
export { peerKey, parseSipUri } from './peer-uri';
export { ChatAddressError, CpimParseError, IsComposingParseError } from './errors';
export { GroupCommit } from './group-commit';
