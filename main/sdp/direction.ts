import { isHoldAddress } from './core-lines';
import type { Direction, MediaDescription } from './session-description';

interface Flow {
  send: boolean;
  recv: boolean;
}

function toFlow(d: Direction): Flow {
  return { send: d === 'sendrecv' || d === 'sendonly', recv: d === 'sendrecv' || d === 'recvonly' };
}

function fromFlow({ send, recv }: Flow): Direction {
  return send ? (recv ? 'sendrecv' : 'sendonly') : recv ? 'recvonly' : 'inactive';
}

/**
 * What the describing side really does: a=direction, with c=0.0.0.0 read as "do not send to
 * me" (RFC 3264 §8.4), so sendrecv becomes sendonly and recvonly becomes inactive.
 */
export function effectiveDirection(m: Pick<MediaDescription, 'direction' | 'connection'>): Direction {
  const flow = toFlow(m.direction);
  return isHoldAddress(m.connection) ? fromFlow({ send: flow.send, recv: false }) : m.direction;
}

/**
 * RFC 3264 §6.1: the answer's direction for an offered one, combined with ours (our hold state):
 * we send only if the offerer receives, and receive only if it sends.
 */
export function answerDirection(offered: Direction, local: Direction): Direction {
  const o = toFlow(offered);
  const l = toFlow(local);
  return fromFlow({ send: o.recv && l.send, recv: o.send && l.recv });
}

/** Our resulting direction once the peer answered our offer (RFC 3264 §6.1, §7). */
export function offererDirection(offered: Direction, answered: Direction): Direction {
  const o = toFlow(offered);
  const a = toFlow(answered);
  return fromFlow({ send: o.send && a.recv, recv: o.recv && a.send });
}

/** True if the answered direction is one §6.1 allows for the offered one. */
export function isAllowedAnswer(offered: Direction, answered: Direction): boolean {
  const o = toFlow(offered);
  const a = toFlow(answered);
  return (!a.send || o.recv) && (!a.recv || o.send);
}
