import { isToken } from './chars';

/** The dialog a Replaces header names (RFC 3891 §6.1), tags seen from the UA that receives it. */
export interface ReplacesValue {
  readonly callId: string;
  /** The recipient's local tag. */
  readonly toTag: string;
  /** The recipient's remote tag. */
  readonly fromTag: string;
  /** `early-only`: replace the dialog only while it is early (RFC 3891 §3). */
  readonly earlyOnly: boolean;
}

export type ReplacesParse = { ok: true; value: ReplacesValue } | { ok: false; reason: string };

// RFC 3261 §25.1: word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}")
const WORD = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+$/;

/** RFC 3891 §6.1: `callid *(SEMI (to-tag / from-tag / early-flag / generic-param))`, exactly one of each tag. */
export function parseReplaces(text: string): ReplacesParse {
  const [head, ...params] = text.split(';').map((p) => p.trim());
  const callId = head ?? '';
  const at = callId.indexOf('@');
  const parts = at < 0 ? [callId] : [callId.slice(0, at), callId.slice(at + 1)];
  if (callId === '' || parts.some((p) => !WORD.test(p))) return { ok: false, reason: 'Bad Replaces header: no valid Call-ID' };
  let toTag: string | undefined;
  let fromTag: string | undefined;
  let earlyOnly = false;
  for (const param of params) {
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : param.slice(eq + 1).trim();
    if (name === 'to-tag' || name === 'from-tag') {
      if (value === undefined || !isToken(value)) return { ok: false, reason: `Bad Replaces header: ${name} is not a token` };
      if ((name === 'to-tag' ? toTag : fromTag) !== undefined) return { ok: false, reason: `Bad Replaces header: ${name} twice` };
      if (name === 'to-tag') toTag = value;
      else fromTag = value;
    } else if (name === 'early-only') {
      earlyOnly = true;
    } else if (!isToken(name)) {
      return { ok: false, reason: 'Bad Replaces header: bad parameter' };
    }
  }
  if (toTag === undefined || fromTag === undefined) return { ok: false, reason: 'Bad Replaces header: it needs a to-tag and a from-tag' };
  return { ok: true, value: { callId, toTag, fromTag, earlyOnly } };
}

export function formatReplaces(r: ReplacesValue): string {
  return `${r.callId};to-tag=${r.toTag};from-tag=${r.fromTag}${r.earlyOnly ? ';early-only' : ''}`;
}
