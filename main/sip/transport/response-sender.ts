import type { SipResponse } from '../message';
import { SendError, TransportError, reason } from './errors';
import { familyOf, udpFor, type OutboundContext } from './outbound-context';
import { planResponseRoute, type ResponseRouteStep } from './response-routing';
import type { TransportAddress } from './transport-address';
import { receivedFields } from './via-server';

/** Where the request came from (an InboundSource fits), to find its connection and socket. */
export interface ResponseHint extends Partial<TransportAddress> {
  readonly local?: TransportAddress;
  readonly connectionId?: number;
}

/**
 * RFC 3261 §18.2.2 and RFC 3581 §4: sends a response by its top Via, on the request's
 * connection when it is still open, else by received/rport/maddr/sent-by.
 */
export async function sendResponse(ctx: OutboundContext, response: SipResponse, hint: ResponseHint = {}): Promise<TransportAddress> {
  const top = response.via[0];
  if (!top) throw new SendError('The response has no Via header (RFC 3261 §18.2.2)');
  // A Via copied before the request was stamped (a 400 for a malformed request) gets the
  // received/rport the request would have had, from where it came.
  const via = top.received === undefined && hint.host !== undefined && hint.port !== undefined ? { ...top, ...receivedFields(top, hint.host, hint.port) } : top;
  const connectionId = hint.connectionId ?? findConnectionId(ctx, hint);
  const plan = planResponseRoute(via, connectionId);
  if (plan.length === 0) throw new SendError(`Cannot send a response over ${via.transport}`);
  const bytes = response.toBuffer();
  let lastError: TransportError | undefined;
  for (const step of plan) {
    const targets = step.kind === 'address' && familyOf(step.host) === undefined ? await resolveName(ctx, step, via.port) : [step];
    for (const target of targets) {
      try {
        return await deliver(ctx, target, bytes, hint);
      } catch (err) {
        lastError = err instanceof TransportError ? err : new SendError(`Response send failed: ${reason(err)}`, { cause: err });
      }
    }
  }
  throw lastError ?? new SendError('The connection the request came on is closed');
}

/** One delivery attempt; rejects when this way does not work. */
async function deliver(ctx: OutboundContext, step: ResponseRouteStep, bytes: Buffer, hint: ResponseHint): Promise<TransportAddress> {
  if (step.kind === 'connection') {
    const connection = ctx.connections.table.byId(step.connectionId);
    if (!connection) throw new SendError('The connection the request came on is closed');
    await connection.send(bytes);
    return { transport: connection.transport, ...connection.remote };
  }
  if (step.transport === 'udp') {
    const udp = udpFor(ctx, step.host, hint.local);
    if (!udp) throw new SendError(`No UDP listener can reach ${step.host}`);
    // §18.2.2: a multicast maddr goes out with the Via ttl (1 by default).
    await udp.send(bytes, step.host, step.port, step.ttl);
    return { transport: 'udp', host: step.host, port: step.port };
  }
  const connection = await ctx.connections.obtain({ transport: step.transport, host: step.host, port: step.port });
  await connection.send(bytes);
  return { transport: connection.transport, ...connection.remote };
}

/** RFC 3263 §5: a sent-by name is resolved by the injected resolver; without one, the OS lookup (A/AAAA) applies. */
async function resolveName(ctx: OutboundContext, step: Extract<ResponseRouteStep, { kind: 'address' }>, viaPort: number | undefined): Promise<ResponseRouteStep[]> {
  if (!ctx.resolveSentBy) return [step];
  try {
    const found = await ctx.resolveSentBy({ transport: step.transport, host: step.host, ...(viaPort !== undefined ? { port: viaPort } : {}) });
    return found.map((a) => ({ kind: 'address', transport: a.transport, host: a.host, port: a.port, ...(step.ttl !== undefined ? { ttl: step.ttl } : {}) }));
  } catch {
    return [step];
  }
}

/** A hint with only an address (the transaction layer's Destination) still finds the connection. */
function findConnectionId(ctx: OutboundContext, hint: ResponseHint): number | undefined {
  if (!hint.transport || hint.transport === 'udp' || hint.host === undefined || hint.port === undefined) return undefined;
  return ctx.connections.table.find({ transport: hint.transport, host: hint.host, port: hint.port })?.id;
}
