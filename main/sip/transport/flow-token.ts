import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HostPort, TransportProtocol } from './transport-address';

/** RFC 5626 §3.2: a flow is the transport, local and remote address of a connection or UDP pair. */
export interface Flow {
  readonly transport: TransportProtocol;
  readonly local: HostPort;
  readonly remote: HostPort;
  /** For TCP/TLS: the one connection the flow is, so a reconnect is a different flow. */
  readonly connectionId?: number;
}

const MAC_BYTES = 10;

/**
 * RFC 5626 §5.2: flow tokens that name the flow a request came on, signed with a key only we
 * know, so a token we get back (in a Route or Contact) is trusted only if we made it.
 * The token is base64url text, safe in a SIP URI user part or parameter.
 */
export class FlowTokens {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(20)) {
    this.key = key;
  }

  encode(flow: Flow): string {
    const data = Buffer.from(
      JSON.stringify([flow.transport, flow.local.host, flow.local.port, flow.remote.host, flow.remote.port, flow.connectionId ?? 0]),
    );
    return Buffer.concat([this.mac(data), data]).toString('base64url');
  }

  /** The flow a token names, or undefined when it was not made with our key or was altered. */
  decode(token: string): Flow | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= MAC_BYTES) return undefined;
    const mac = raw.subarray(0, MAC_BYTES);
    const data = raw.subarray(MAC_BYTES);
    // RFC 5626 §5.2: a token that fails the HMAC check is treated as invalid (the proxy answers 403).
    if (!timingSafeEqual(mac, this.mac(data))) return undefined;
    try {
      const [transport, lh, lp, rh, rp, id] = JSON.parse(data.toString()) as [TransportProtocol, string, number, string, number, number];
      const flow: Flow = { transport, local: { host: lh, port: lp }, remote: { host: rh, port: rp } };
      return id ? { ...flow, connectionId: id } : flow;
    } catch {
      return undefined;
    }
  }

  private mac(data: Buffer): Buffer {
    return createHmac('sha256', this.key).update(data).digest().subarray(0, MAC_BYTES);
  }
}
