import { parseSipfrag, SIPFRAG, type SipRequest } from '../../sip/message';
import { phaseOf, type TransferPhase } from './transfer-phase';

/** What one NOTIFY of a REFER's implicit subscription says (RFC 3515 §2.4.4–2.4.5). */
export interface ReferNotice {
  /** The `id` of `Event: refer;id=` (the REFER's CSeq), when given (RFC 3515 §2.4.6). */
  id: number | undefined;
  status: number;
  reason: string;
  phase: TransferPhase;
  /** Subscription-State: terminated — no more NOTIFYs come (RFC 6665 §4.1.3). */
  terminated: boolean;
}

export type ReferNoticeRead = { ok: true; value: ReferNotice } | { ok: false; status: number; reason: string };

/** Reads a refer NOTIFY; an error is the response to give it (489 wrong event, 415 body type, 400 body). */
export function readReferNotify(request: SipRequest): ReferNoticeRead {
  const event = request.event;
  if (!event || event.value.toLowerCase() !== 'refer') return { ok: false, status: 489, reason: 'Bad Event' };
  const idText = event.params.get('id');
  const id = idText === undefined || idText === null ? undefined : Number(idText);
  if (id !== undefined && !Number.isInteger(id)) return { ok: false, status: 400, reason: 'Bad id in Event header' };
  const type = request.contentType;
  if (type && `${type.type}/${type.subtype}` !== SIPFRAG) return { ok: false, status: 415, reason: 'Unsupported Media Type' };
  const frag = parseSipfrag(request.body.toString('utf8'));
  if (!frag) return { ok: false, status: 400, reason: 'The body is not a message/sipfrag status line' };
  const terminated = request.subscriptionState?.value.toLowerCase() === 'terminated';
  let phase = phaseOf(frag.status);
  // The subscription ended before a final answer came: the transfer's outcome is unknown, so it failed.
  if (terminated && frag.status < 200) phase = 'failed';
  return { ok: true, value: { id, status: frag.status, reason: frag.reason, phase, terminated } };
}
