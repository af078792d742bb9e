import { isIPv4, isIPv6 } from 'node:net';
import { SdpParseError } from './errors';
import type { AddrType, Connection, Origin } from './session-description';

/** RFC 8866 §9 token: the characters allowed in nettype, addrtype, media, proto. */
const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;
const DIGITS = /^\d+$/;
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;

/** v= (RFC 8866 §5.1): only version 0 exists. */
export function parseVersionLine(value: string | undefined): void {
  if (value !== '0') throw new SdpParseError('bad version line');
}

/** o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (RFC 8866 §5.2). */
export function parseOriginLine(value: string): Origin {
  const f = value.split(' ');
  const [username, sessionId, version, netType, addrType, address] = f;
  if (f.length !== 6 || !username || !sessionId || !version || !netType || !addrType || !address) {
    throw new SdpParseError('bad origin line');
  }
  if (!DIGITS.test(sessionId) || !DIGITS.test(version)) throw new SdpParseError('bad origin line');
  if (!TOKEN.test(netType) || !TOKEN.test(addrType)) throw new SdpParseError('bad origin line');
  return { username, sessionId, sessionVersion: BigInt(version), addrType: addrTypeOf(addrType, 'origin'), address };
}

/** t=<start-time> <stop-time> (RFC 8866 §5.9). */
export function parseTimingLine(value: string): { start: number; stop: number } {
  const m = /^(\d+) (\d+)$/.exec(value);
  if (!m) throw new SdpParseError('bad timing line');
  return { start: Number(m[1]), stop: Number(m[2]) };
}

/** c=IN <addrtype> <connection-address> (RFC 8866 §5.7); a multicast /ttl or /count is dropped. */
export function parseConnectionLine(value: string): Connection {
  const f = value.split(' ');
  const [netType, addrType, spec] = f;
  if (f.length !== 3 || !netType || !addrType || !spec) throw new SdpParseError('bad connection line');
  if (netType !== 'IN') throw new SdpParseError(`unsupported network type "${netType}" in c= line`);
  const type = addrTypeOf(addrType, 'connection');
  const address = spec.split('/')[0] ?? '';
  const literal = type === 'IP4' ? isIPv4(address) : isIPv6(address);
  const otherLiteral = type === 'IP4' ? isIPv6(address) : isIPv4(address);
  // RFC 8866 §5.7: an FQDN is allowed; a literal of the other family is not.
  if (!literal && (otherLiteral || !HOSTNAME.test(address))) {
    throw new SdpParseError(`bad ${type} address "${address}" in c= line`);
  }
  return { addrType: type, address };
}

export interface MediaLine {
  media: string;
  port: number;
  portCount: number;
  proto: string;
  formats: string[];
}

/** m=<media> <port>[/<number of ports>] <proto> <fmt> … (RFC 8866 §5.14). */
export function parseMediaLine(value: string): MediaLine {
  const f = value.split(' ').filter((s) => s !== '');
  const [media, portSpec, proto, ...formats] = f;
  if (!media || !TOKEN.test(media)) throw new SdpParseError('bad media type in m-line');
  const pm = /^(\d{1,5})(?:\/(\d{1,5}))?$/.exec(portSpec ?? '');
  const port = Number(pm?.[1]);
  if (!pm || port > 65535) throw new SdpParseError(`bad port in ${media} m-line`);
  if (!proto || !/^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+(?:\/[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+)*$/.test(proto)) {
    throw new SdpParseError(`bad transport protocol in ${media} m-line`);
  }
  if (formats.length === 0) throw new SdpParseError(`missing formats in ${media} m-line`);
  if (!formats.every((fmt) => TOKEN.test(fmt))) throw new SdpParseError(`bad format in ${media} m-line`);
  return { media, port, portCount: pm[2] === undefined ? 1 : Number(pm[2]), proto, formats };
}

function addrTypeOf(value: string, line: string): AddrType {
  if (value === 'IP4' || value === 'IP6') return value;
  throw new SdpParseError(`unsupported address type "${value}" in ${line} line`);
}

/** RFC 3264 §8.4: c=0.0.0.0 is the RFC 2543 way to put a stream on hold; `::` cannot receive either. */
export function isHoldAddress(connection: Connection | undefined): boolean {
  return connection?.address === '0.0.0.0' || connection?.address === '::';
}
