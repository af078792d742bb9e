// Presence in the endpoint (RFC 3856 with PIDF RFC 3863 and RPID RFC 4480; PUBLISH RFC 3903 in server mode).
export { PresenceService, type PresenceServiceOptions } from './presence-service';
export type { PresenceDelegate } from './presence-delegate';
export { PresenceAgent } from './presence-agent';
export { BuddyList } from './buddy-list';
export { PresencePublisher } from './presence-publisher';
export { buildPidf, PIDF_TYPE } from './pidf-build';
export { parsePidf, type ParsedPresence } from './pidf-parse';
export { resourceKey, parseResource } from './resource-key';
export { ContactNotFoundError, PidfParseError, PresenceAddressError } from './errors';
export * from './events';
