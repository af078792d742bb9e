import { MAGIC_COOKIE } from './constants';
import { fault, StunEncodeError, type StunResult } from './errors';
import { bytesToIp, ipToBytes, type IpPort, type TransportAddress } from './ip-bytes';

const FAMILY_IPV4 = 0x01;
const FAMILY_IPV6 = 0x02;

/** RFC 8489 §14.1: MAPPED-ADDRESS (also the layout of ALTERNATE-SERVER, §14.15); the family follows the address text. */
export function encodeAddress(address: IpPort): Buffer {
  return encodeWith(address, undefined);
}

/** RFC 8489 §14.1: reads MAPPED-ADDRESS or ALTERNATE-SERVER. */
export function decodeAddress(value: Uint8Array): StunResult<TransportAddress> {
  return decodeWith(value, undefined);
}

/** RFC 8489 §14.2: XOR-MAPPED-ADDRESS: port XOR the cookie's top 16 bits, address XOR cookie (‖ transaction ID for IPv6). */
export function encodeXorAddress(address: IpPort, transactionId: Uint8Array): Buffer {
  return encodeWith(address, xorMask(transactionId));
}

/** RFC 8489 §14.2: reads XOR-MAPPED-ADDRESS (or any XOR'ed address attribute, like TURN's). */
export function decodeXorAddress(value: Uint8Array, transactionId: Uint8Array): StunResult<TransportAddress> {
  return decodeWith(value, xorMask(transactionId));
}

/** The 16-byte XOR mask: magic cookie followed by the transaction ID. */
function xorMask(transactionId: Uint8Array): Buffer {
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  Buffer.from(transactionId).copy(mask, 4, 0, 12);
  return mask;
}

function encodeWith(address: IpPort, mask: Buffer | undefined): Buffer {
  const ip = ipToBytes(address.address);
  if (!ip) throw new StunEncodeError(`"${address.address}" is not an IP address`);
  if (!Number.isInteger(address.port) || address.port < 0 || address.port > 0xffff) throw new StunEncodeError(`port ${address.port} is outside 0..65535`);
  const out = Buffer.alloc(4 + ip.length);
  out[1] = ip.length === 4 ? FAMILY_IPV4 : FAMILY_IPV6;
  out.writeUInt16BE(mask ? address.port ^ mask.readUInt16BE(0) : address.port, 2);
  for (let i = 0; i < ip.length; i++) out[4 + i] = mask ? ip[i]! ^ mask[i]! : ip[i]!;
  return out;
}

function decodeWith(data: Uint8Array, mask: Buffer | undefined): StunResult<TransportAddress> {
  const value = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (value.length < 4) return fault('truncated', `address attribute of ${value.length} bytes`);
  const family = value[1];
  const size = family === FAMILY_IPV4 ? 4 : family === FAMILY_IPV6 ? 16 : 0;
  // RFC 8489 §14.1: family 0x01 (IPv4, 4 bytes) or 0x02 (IPv6, 16 bytes)
  if (size === 0) return fault('value', `address family 0x${(family ?? 0).toString(16).padStart(2, '0')} is neither IPv4 nor IPv6`);
  if (value.length !== 4 + size) return fault('value', `${family === FAMILY_IPV4 ? 'IPv4' : 'IPv6'} address attribute of ${value.length} bytes, expected ${4 + size}`);
  const port = mask ? value.readUInt16BE(2) ^ mask.readUInt16BE(0) : value.readUInt16BE(2);
  const ip = Buffer.alloc(size);
  for (let i = 0; i < size; i++) ip[i] = mask ? value[4 + i]! ^ mask[i]! : value[4 + i]!;
  return { ok: true, value: { family: size === 4 ? 'IPv4' : 'IPv6', address: bytesToIp(ip), port } };
}
