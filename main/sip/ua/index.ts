// The SIP user agent core (RFC 3261 §8, §12, §13): the one entry point of sip/ua.
export { UserAgent, type ResponseInit, type ServerTransactionWatcher } from './user-agent';
export type { UserAgentOptions } from './user-agent-options';
export type { DialogDelegate, IncomingContext, RequestHandler } from './incoming';
export { ClientRequest, type ClientRequestOptions, type ClientResult } from './client-request';
export { resolveNextHop, bareHost, type HopTarget, type HopTargets } from './next-hop';
export { SUPPORTED_OPTION_TAGS, featureTags } from './capabilities';
export { InviteSession, type InviteSessionDelegate, type EndReason, type ReofferAnswer } from './invite-session';
export { IncomingInvite } from './incoming-invite';
export { OutgoingInvite, type InviteOutcome } from './outgoing-invite';
export { Registerer, type RegistererOptions, type RegistrationStatus, type RegistrationState } from './registerer';
export { formatReferTo, readReferTo, type ReferRequest, type ReferRead } from './refer-to';
export { sendInDialog } from './in-dialog-request';
