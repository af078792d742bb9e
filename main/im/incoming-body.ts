import type { MediaType, SipRequest } from '../sip/message';
import { parseCpim } from './cpim';
import { CpimParseError, IsComposingParseError } from './errors';
import { IS_COMPOSING_TYPE, parseIsComposing, type IsComposing } from './is-composing';

/** What a received MESSAGE carries, or the error response it deserves. */
export type IncomingBody =
  | { kind: 'text'; text: string; contentType: string }
  | { kind: 'composing'; doc: IsComposing }
  | { kind: 'reject'; status: number; reason: string };

/** Body types we read (RFC 3261 §20.1 Accept, sent with a 415). */
export const ACCEPTED_TYPES = ['text/plain', 'message/cpim', IS_COMPOSING_TYPE];

function typeName(m: MediaType): string {
  return `${m.type}/${m.subtype}`.toLowerCase();
}

function decodeText(data: Buffer, charset: string | null | undefined): string | undefined {
  const cs = (charset ?? 'utf-8').toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii') return data.toString('utf8');
  if (cs === 'iso-8859-1' || cs === 'latin1') return data.toString('latin1');
  return undefined;
}

/** RFC 3428 §7, RFC 3862, RFC 3994: reads a MESSAGE body; unknown types get 415. */
export function readIncomingBody(request: SipRequest): IncomingBody {
  const type = request.contentType;
  const data = request.body;
  if (!type) {
    return data.length === 0 ? { kind: 'reject', status: 400, reason: 'Empty MESSAGE' } : { kind: 'reject', status: 400, reason: 'Missing Content-Type' };
  }
  const name = typeName(type);
  if (name === 'text/plain') {
    const text = decodeText(data, type.params.get('charset'));
    return text === undefined ? { kind: 'reject', status: 415, reason: 'Unsupported Charset' } : { kind: 'text', text, contentType: 'text/plain' };
  }
  if (name === IS_COMPOSING_TYPE) {
    try {
      return { kind: 'composing', doc: parseIsComposing(data.toString('utf8')) };
    } catch (err) {
      if (err instanceof IsComposingParseError) return { kind: 'reject', status: 400, reason: err.message };
      throw err;
    }
  }
  if (name === 'message/cpim') {
    try {
      const cpim = parseCpim(data.toString('utf8'));
      const inner = cpim.contentType.toLowerCase();
      if (inner.startsWith('text/plain')) return { kind: 'text', text: cpim.body, contentType: 'message/cpim' };
      if (inner.startsWith(IS_COMPOSING_TYPE)) return { kind: 'composing', doc: parseIsComposing(cpim.body) };
      return { kind: 'reject', status: 415, reason: 'Unsupported Media Type' };
    } catch (err) {
      if (err instanceof CpimParseError || err instanceof IsComposingParseError) return { kind: 'reject', status: 400, reason: err.message };
      throw err;
    }
  }
  return { kind: 'reject', status: 415, reason: 'Unsupported Media Type' };
}
