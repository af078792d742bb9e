import type { CallInfo, TransferInfo } from '../../../shared/ipc';
import { readReferNotify, REFER_EXPIRES_S, ReferNotifier } from '../../services/transfer';
import { formatReplaces, formatUri, parseUri, type SipRequest } from '../../sip/message';
import type { ServerTransaction } from '../../sip/transaction';
import { formatReferTo, readReferTo, sendInDialog, type InviteSession } from '../../sip/ua';
import { EngineError, type Handler } from '../dispatch';
import type { Call } from './call';
import { dialTarget } from './dial-target';
import type { CallsHost } from './transfer-host';
import { EndedDialogs, replacedCall } from './transfer-target';

/** A transfer we asked for stays open this long at most without a final NOTIFY (a little past the notifier's expiry). */
const TRANSFER_TIMEOUT_MS = (REFER_EXPIRES_S + 10) * 1000;

/** A REFER we sent (transferor side): its implicit subscription's id once the 2xx told us its CSeq. */
interface ReferOut {
  id: number | undefined;
  timer: { cancel(): void };
}

/** A REFER we act on (transferee side): the call it asked for and the NOTIFYs reporting it. */
interface ReferIn {
  original: Call;
  notifier: ReferNotifier;
}

/**
 * Call transfer in the endpoint (RFC 5638 §3): as transferor, blind (REFER, RFC 3515, with
 * Referred-By, RFC 3892) and attended (Refer-To with Replaces, RFC 3891), progress read from
 * the NOTIFYs; as transferee, a REFER in a call answered 202, the new call placed and reported
 * by NOTIFY; as transfer target, an INVITE with Replaces answered at once in place of its call.
 */
export class CallTransfer {
  readonly handlers: ReadonlyMap<string, Handler>;
  private readonly outgoing = new Map<string, ReferOut>();
  /** Keyed by the id of the call placed for the REFER. */
  private readonly incoming = new Map<string, ReferIn>();
  private readonly ended = new EndedDialogs();
  /** Hang-ups the transfer started, so stopping the engine waits for their BYEs to leave. */
  private readonly hangups = new Set<Promise<unknown>>();

  constructor(private readonly host: CallsHost) {
    const byId = (id: string): Call => {
      const call = host.find(id);
      if (!call) throw new EngineError('not-found', 'No such call (it may have ended)');
      return call;
    };
    this.handlers = new Map<string, Handler>([
      ['calls:transfer', (p) => this.blind(byId((p as { callId: string }).callId), (p as { target: string }).target)],
      ['calls:transfer-attended', (p) => this.attended(byId((p as { callId: string }).callId), byId((p as { toCallId: string }).toCallId))],
    ]);
  }

  /** RFC 3515 §2.4.2 outside a call: we transfer only calls we are in. */
  start(): void {
    const ua = this.host.ctx().ua;
    ua.handle('REFER', (_request, tx) => ua.respond(tx, 403, { reason: 'REFER is accepted only within a call' }));
    // A refer NOTIFY must pass the UAS method check (RFC 3261 §8.2.1) even when no event feature took NOTIFY;
    // outside a dialog it matches no subscription (RFC 6665 §4.1.3). An event feature may take it over.
    if (!ua.allowedMethods.includes('NOTIFY')) ua.handle('NOTIFY', (_request, tx) => ua.respond(tx, 481));
  }

  /** Waits for the BYEs of calls a transfer ended (the engine stops only after they left). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.hangups]);
  }

  /** Blind transfer: the peer is asked to call `target`, and our call ends when that call is answered. */
  async blind(call: Call, target: string): Promise<CallInfo> {
    const session = this.transferable(call);
    const uri = dialTarget(target, this.host.accountDomain);
    if (typeof uri === 'string') throw new EngineError('bad-target', uri);
    return this.refer(call, session, { role: 'transferor', kind: 'blind', target: formatUri(uri), state: 'requested' }, formatReferTo(uri));
  }

  /**
   * Attended transfer (RFC 5589 §7): `call`'s peer is asked to call the peer of `to` with
   * Replaces naming our dialog with it, so the target swaps our call for theirs.
   */
  async attended(call: Call, to: Call): Promise<CallInfo> {
    const session = this.transferable(call);
    if (to === call) throw new EngineError('bad-target', 'A call cannot be transferred to itself');
    const other = this.transferable(to);
    const dialog = other.dialog;
    // RFC 3891 §6.1: tags as the target sees them: its local tag is our remote one.
    const replaces = { callId: dialog.id.callId, toTag: dialog.id.remoteTag, fromTag: dialog.id.localTag, earlyOnly: false };
    const target = dialog.remoteTarget;
    const info: TransferInfo = { role: 'transferor', kind: 'attended', target: formatUri({ ...target, headers: new Map() }), state: 'requested' };
    return this.refer(call, session, info, formatReferTo(target, replaces));
  }

  /** An in-dialog request of a call: REFER and refer NOTIFYs are ours; false leaves it to the call. */
  inDialogRequest(call: Call, request: SipRequest, tx: ServerTransaction): boolean {
    if (request.method === 'REFER') {
      void this.receiveRefer(call, request, tx);
      return true;
    }
    if (request.method === 'NOTIFY' && request.event?.value.toLowerCase() === 'refer') {
      this.receiveNotify(call, request, tx);
      return true;
    }
    return false;
  }

  /** RFC 3891 §3 for an incoming INVITE: see replacedCall. */
  replacing(request: SipRequest): ReturnType<typeof replacedCall> {
    return replacedCall(request, this.host.all(), this.host.ctx().ua, this.ended);
  }

  /** RFC 3891 §3: the new call was answered, so the one it replaces ends (BYE, or CANCEL while early). */
  async replaced(call: Call, old: Call): Promise<void> {
    call.replacesCallId = old.id;
    this.host.changed(call);
    await this.host.hangup(old, 'replaced by a transferred call');
  }

  /** Follows every call's changes: the calls placed for a REFER report to its NOTIFYs. */
  callChanged(call: Call): void {
    if (call.ended) {
      const id = call.session?.dialog.id;
      if (id) this.ended.add(id.callId, id.localTag, id.remoteTag);
      this.outgoing.get(call.id)?.timer.cancel();
      this.outgoing.delete(call.id);
    }
    const referred = this.incoming.get(call.id);
    if (!referred) return;
    const { original, notifier } = referred;
    if (call.state === 'ringing') void notifier.report(180, 'Ringing');
    else if (call.state === 'connected') {
      this.incoming.delete(call.id);
      this.progress(original, { state: 'succeeded', status: 200, reason: 'OK' });
      // RFC 5589 §6: the original call ends once the new one is up, after the final NOTIFY went out.
      this.track(notifier.report(200, 'OK').then(() => this.host.hangup(original, 'transferred')));
    } else if (call.ended) {
      this.incoming.delete(call.id);
      const status = call.endStatus !== undefined && call.endStatus >= 300 ? call.endStatus : 503;
      const reason = call.endStatus !== undefined && call.endStatus >= 300 ? (call.endReason ?? 'Failed') : 'Service Unavailable';
      void notifier.report(status, reason);
      this.progress(original, { state: 'failed', status, reason: call.endReason ?? reason });
    }
  }

  private transferable(call: Call): InviteSession {
    const session = call.session;
    if (call.state !== 'connected' || !session?.active) throw new EngineError('bad-state', 'Only a connected call can be transferred');
    if (call.transfer && (call.transfer.state !== 'failed' && call.transfer.state !== 'succeeded')) {
      throw new EngineError('bad-state', 'A transfer of this call is in progress');
    }
    return session;
  }

  /** RFC 3515 §2.4.1: REFER in the call's dialog; 202 opens the implicit subscription. */
  private async refer(call: Call, session: InviteSession, info: TransferInfo, referTo: string): Promise<CallInfo> {
    const ctx = this.host.ctx();
    call.transfer = info;
    const clock = ctx.clock;
    const handle = clock.setTimeout(() => this.finishOut(call, { state: 'failed', reason: 'no outcome reported in time' }), TRANSFER_TIMEOUT_MS);
    const out: ReferOut = { id: undefined, timer: { cancel: () => clock.clearTimeout(handle) } };
    this.outgoing.set(call.id, out);
    this.host.changed(call);
    let status: number;
    let reason: string;
    try {
      const response = await sendInDialog(ctx.ua, session.dialog, 'REFER', {
        contact: true,
        headers: [
          ['Refer-To', referTo],
          ['Referred-By', referredBy(ctx.identity)],
        ],
      });
      status = response.status;
      reason = response.reason;
      out.id = response.cseq.seq;
    } catch (err) {
      status = 500;
      reason = (err as Error).message;
    }
    if (status >= 200 && status < 300) {
      if (call.transfer?.state === 'requested') this.progress(call, { state: 'trying', status: 100, reason: 'Trying' });
    } else {
      this.finishOut(call, { state: 'failed', status, reason });
    }
    return call.info();
  }

  /** RFC 3515 §2.4.4–2.4.5: a NOTIFY of our REFER's subscription, answered 200 and read for progress. */
  private receiveNotify(call: Call, request: SipRequest, tx: ServerTransaction): void {
    const ua = this.host.ctx().ua;
    const out = this.outgoing.get(call.id);
    const notice = readReferNotify(request);
    // RFC 6665 §4.1.3: a NOTIFY for no subscription of ours gets 481.
    if (!out || (notice.ok && notice.value.id !== undefined && out.id !== undefined && notice.value.id !== out.id)) {
      ua.respond(tx, 481);
      return;
    }
    if (!notice.ok) {
      ua.respond(tx, notice.status, { reason: notice.reason });
      return;
    }
    ua.respond(tx, 200);
    const n = notice.value;
    if (n.phase === 'succeeded' || n.phase === 'failed') {
      this.finishOut(call, { state: n.phase, status: n.status, reason: n.reason });
      // RFC 5589 §6: once the transfer succeeded the transferor ends its call.
      if (n.phase === 'succeeded') this.track(this.host.hangup(call, 'transferred'));
    } else {
      this.progress(call, { state: n.phase, status: n.status, reason: n.reason });
      if (n.terminated) this.finishOut(call, { state: 'failed', status: n.status, reason: 'the transfer was abandoned' });
    }
  }

  /** RFC 3515 §2.4.2: a REFER in a call: 202, the first NOTIFY at once, then the new call. */
  private async receiveRefer(call: Call, request: SipRequest, tx: ServerTransaction): Promise<void> {
    const ctx = this.host.ctx();
    const ua = ctx.ua;
    const session = call.session;
    const read = readReferTo(request);
    if (!read.ok) {
      ua.respond(tx, read.status, { reason: read.reason });
      return;
    }
    if (call.state !== 'connected' || !session?.active) {
      ua.respond(tx, 481);
      return;
    }
    if ([...this.incoming.values()].some((r) => r.original === call)) {
      ua.respond(tx, 403, { reason: 'A transfer of this call is in progress' });
      return;
    }
    ua.respond(tx, 202, { contact: true });
    const notifier = new ReferNotifier((init) => sendInDialog(ua, session.dialog, 'NOTIFY', { ...init, contact: true }), request.cseq.seq, ctx.clock);
    void notifier.report(100, 'Trying');
    const { target, replaces } = read.value;
    call.transfer = { role: 'transferee', kind: replaces ? 'attended' : 'blind', target: formatUri(target), state: 'trying' };
    this.host.changed(call);
    // RFC 3892 §3: the referred request names the referrer; RFC 3891 §4: it carries the Replaces asked for.
    const headers: [string, string][] = [['Referred-By', read.value.referredBy]];
    if (replaces) headers.push(['Replaces', formatReplaces(replaces)], ['Require', 'replaces']);
    try {
      const placed = await this.host.dial(formatUri(target), headers);
      this.incoming.set(placed.id, { original: call, notifier });
      this.callChanged(placed);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      void notifier.report(503, 'Service Unavailable');
      this.progress(call, { state: 'failed', status: 503, reason });
    }
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.hangups.delete(p));
    this.hangups.add(p);
  }

  private progress(call: Call, change: Pick<TransferInfo, 'state'> & Partial<TransferInfo>): void {
    if (!call.transfer || call.ended) return;
    call.transfer = { ...call.transfer, ...change };
    this.host.changed(call);
  }

  private finishOut(call: Call, change: Pick<TransferInfo, 'state'> & Partial<TransferInfo>): void {
    this.outgoing.get(call.id)?.timer.cancel();
    this.outgoing.delete(call.id);
    this.progress(call, change);
  }
}

/** RFC 3892 §3: Referred-By names us by our address of record. */
function referredBy(identity: string): string {
  const parsed = parseUri(identity);
  return parsed.ok ? `<${formatUri(parsed.value)}>` : `<${identity}>`;
}
