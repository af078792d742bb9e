import type { SipRequest } from '../message';
import { ConnectError, InvalidFlowTokenError, NoTransportError, SendError, TransportError, reason } from './errors';
import { advertisedHost, isMulticast } from './local-address';
import { listenerFor, udpFor, type OutboundContext } from './outbound-context';
import { mustLeaveUdp } from './size-rule';
import type { StreamConnection } from './stream-connection';
import { normalizeHost, type HostPort, type TransportAddress, type TransportProtocol } from './transport-address';
import { stampSentBy } from './via-client';

/** Where a request goes: the next hop the TU chose (RFC 3263), optionally pinned to a flow. */
export interface RequestTarget extends TransportAddress {
  /** RFC 5922: the SIP domain the TLS certificate must name, when `host` is an IP address. */
  serverName?: string;
  /** RFC 5626 §5.3: send on exactly this flow (a token from an InboundSource). */
  flowToken?: string;
  /** Send on this open connection (e.g. the one a dialog's requests came on). */
  connectionId?: number;
}

/** Where a request actually went, after the size rule and connection reuse. */
export interface SentRequest extends TransportAddress {
  connectionId?: number;
  /** RFC 5626 §5.2: the flow it went on, for keep-alives and later requests on the same flow. */
  flowToken: string;
}

/**
 * RFC 3261 §18.1.1: stamps the top Via (transport, sent-by, rport, the caller's branch),
 * moves large UDP requests to TCP, reuses connections, and sends. Rejects with a
 * TransportError; never throws synchronously.
 */
export async function sendRequest(ctx: OutboundContext, request: SipRequest, target: RequestTarget, branch?: string): Promise<SentRequest> {
  if (target.flowToken !== undefined) return sendOnFlow(ctx, request, target.flowToken, branch);
  if (target.connectionId !== undefined) {
    const connection = ctx.connections.table.byId(target.connectionId);
    if (!connection) throw new SendError(`Connection ${target.connectionId} is closed`);
    return sendOnConnection(ctx, request, connection, branch);
  }
  if (target.transport !== 'udp') return sendOnConnection(ctx, request, await ctx.connections.obtain({ ...target, transport: target.transport }), branch);

  const udp = udpFor(ctx, target.host);
  const tcp = listenerFor(ctx.streams, 'tcp', target.host);
  if (!udp) {
    if (!tcp) throw new NoTransportError(target);
    return sendRequest(ctx, request, { ...target, transport: 'tcp' }, branch);
  }
  const bytes = stampUdp(ctx, request, udp.local, target.host, branch);
  // §18.1.1: over 1300 bytes (or near the path MTU) MUST go over TCP when we have it.
  if (tcp && mustLeaveUdp(bytes.length, ctx.pathMtu)) {
    try {
      return await sendOnConnection(ctx, request, await ctx.connections.obtain({ ...target, transport: 'tcp' }), branch);
    } catch (err) {
      // §18.1.1: if the connection is refused or reset, the element SHOULD retry over UDP.
      if (!(err instanceof ConnectError)) throw err;
    }
    const again = stampUdp(ctx, request, udp.local, target.host, branch);
    await udp.send(again, target.host, target.port);
    return udpSent(ctx, udp.local, target);
  }
  await udp.send(bytes, target.host, target.port);
  return udpSent(ctx, udp.local, target);
}

/**
 * RFC 3261 §18.1.1 asked ahead: the transport a request to `target` goes over, so the TU can
 * give its transaction the right timers. Stamps the top Via as a UDP send would.
 */
export function transportForRequest(ctx: OutboundContext, request: SipRequest, target: RequestTarget, branch?: string): TransportProtocol {
  if (target.transport !== 'udp') return target.transport;
  const udp = udpFor(ctx, target.host);
  const tcp = listenerFor(ctx.streams, 'tcp', target.host);
  if (!udp) return tcp ? 'tcp' : 'udp';
  return tcp && mustLeaveUdp(stampUdp(ctx, request, udp.local, target.host, branch).length, ctx.pathMtu) ? 'tcp' : 'udp';
}

function udpSent(ctx: OutboundContext, local: TransportAddress, remote: HostPort): SentRequest {
  const to = { host: normalizeHost(remote.host), port: remote.port };
  return { transport: 'udp', ...to, flowToken: ctx.flowTokens.encode({ transport: 'udp', local, remote: to }) };
}

function stampUdp(ctx: OutboundContext, request: SipRequest, local: TransportAddress, remoteHost: string, branch?: string): Buffer {
  const host = advertisedHost(local.host, remoteHost);
  const multicast = isMulticast(remoteHost) ? normalizeHost(remoteHost) : undefined;
  stampSentBy(request, { transport: 'udp', host, port: local.port, ...(multicast ? { multicast } : {}) }, branch);
  ctx.noteSentBy(host, local.port);
  return request.toBuffer();
}

async function sendOnConnection(ctx: OutboundContext, request: SipRequest, connection: StreamConnection, branch?: string): Promise<SentRequest> {
  // §18.1.1: sent-by names our listener for this transport, so the peer can open a connection back.
  const listener = listenerFor(ctx.streams, connection.transport, connection.remote.host);
  const host = listener ? advertisedHost(listener.local.host, connection.remote.host) : connection.local.host;
  const port = listener ? listener.local.port : connection.local.port;
  stampSentBy(request, { transport: connection.transport, host, port }, branch);
  ctx.noteSentBy(host, port);
  await connection.send(request.toBuffer());
  const flowToken = ctx.flowTokens.encode({ transport: connection.transport, local: connection.local, remote: connection.remote, connectionId: connection.id });
  return { transport: connection.transport, ...connection.remote, connectionId: connection.id, flowToken };
}

/** RFC 5626 §5.3: a request for a flow goes on that flow or not at all. */
async function sendOnFlow(ctx: OutboundContext, request: SipRequest, token: string, branch?: string): Promise<SentRequest> {
  const flow = ctx.flowTokens.decode(token);
  if (!flow) throw new InvalidFlowTokenError();
  if (flow.transport === 'udp') {
    const udp = udpFor(ctx, flow.remote.host, { transport: 'udp', ...flow.local });
    if (!udp) throw new SendError('The UDP listener of this flow is closed');
    const bytes = stampUdp(ctx, request, udp.local, flow.remote.host, branch);
    await udp.send(bytes, flow.remote.host, flow.remote.port);
    return { transport: 'udp', ...flow.remote, flowToken: token };
  }
  const connection = flow.connectionId !== undefined ? ctx.connections.table.byId(flow.connectionId) : undefined;
  if (!connection) throw new SendError(`The flow to ${flow.transport}:${flow.remote.host}:${flow.remote.port} has failed (RFC 5626 §5.3)`);
  return sendOnConnection(ctx, request, connection, branch);
}

export function describeSendFailure(err: unknown): TransportError {
  return err instanceof TransportError ? err : new SendError(`Send failed: ${reason(err)}`, { cause: err });
}
