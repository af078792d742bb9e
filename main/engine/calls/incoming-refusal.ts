import type { CallInfo } from '../../../shared/ipc';
import { diversions, diversionValue, forwardedFrom, type DiversionReason } from '../../services/forwarding';
import { formatUri } from '../../sip/message';
import type { IncomingInvite } from '../../sip/ua';
import { Call } from './call';
import { dialTarget } from './dial-target';

/**
 * RFC 5638 §3.1: forwarding is redirection — 302 Moved Temporarily with the target in Contact
 * (RFC 3261 §21.3.3) and a Diversion naming us and why (RFC 5806 §3). False when the target
 * cannot be made a SIP address (the call then rings).
 */
export function redirectInvite(invite: IncomingInvite, target: string, reason: DiversionReason, accountDomain: string | undefined): boolean {
  const uri = dialTarget(target, accountDomain);
  if (typeof uri === 'string' || !invite.pending) return false;
  const counter = diversions(invite.request).length + 1;
  // The diverting party is the address the caller dialled (the To URI), for whichever account it is.
  const diverter = formatUri({ ...invite.request.to.uri, params: new Map(), headers: new Map() });
  invite.reject(302, { headers: [['Contact', `<${formatUri(uri)}>`], ['Diversion', diversionValue(diverter, reason, counter)]] });
  return true;
}

/** A call the rules answered before it rang, as the history keeps it, so the user sees what happened. */
export function refusedCall(invite: IncomingInvite, status: number, reason: string): CallInfo {
  const call = new Call('incoming', formatUri(invite.request.from.uri), invite.request.from.displayName);
  call.forwardedFrom = forwardedFrom(invite.request);
  call.state = 'ended';
  call.endedAt = Date.now();
  call.endReason = reason;
  call.endStatus = status;
  return call.info();
}
