/** Body types the UA reads (RFC 3261 §20.1 Accept); features add theirs when they register. */
export const BASE_ACCEPT = ['application/sdp'];

/**
 * Option tags we support (RFC 3261 §20.37): `path` (RFC 3327: a UA only has to accept Path in
 * REGISTER responses), `outbound` (RFC 5626 flows and keep-alives) and `replaces` (RFC 3891
 * §6.2: the engine's calls take INVITEs with Replaces).
 */
export const SUPPORTED_OPTION_TAGS = ['outbound', 'path', 'replaces'];

/** Methods the core itself handles, whatever features are registered. */
export const CORE_METHODS = ['ACK', 'CANCEL', 'OPTIONS'];

/**
 * Every method RFC 3261 and the extensions we know define; a request with one of these that we
 * do not handle gets 405 with Allow, any other gets 501 (RFC 3261 §8.2.1).
 */
export const KNOWN_METHODS = new Set([
  'INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY',
  'PUBLISH', 'INFO', 'REFER', 'MESSAGE', 'UPDATE',
]);

/**
 * RFC 3840 §9: feature tags for Contact that describe this UA: audio calls, the methods it
 * accepts and the event packages it serves.
 */
export function featureTags(methods: readonly string[], events: readonly string[]): string {
  const tags = ['audio', `methods="${[...methods].sort().join(',')}"`];
  if (events.length > 0) tags.push(`events="${[...events].sort().join(',')}"`);
  return tags.map((t) => `;${t}`).join('');
}
