import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IsComposingParseError } from './errors';

/** RFC 3994 §8: the media type of composing indications. */
export const IS_COMPOSING_TYPE = 'application/im-iscomposing+xml';
/** RFC 3994 §3.2: we refresh an active state every 90 s while typing. */
export const REFRESH_SECONDS = 90;
/** RFC 3994 §3.2: idle after this long without typing (the RFC's suggested 15 s). */
export const IDLE_TIMEOUT_MS = 15_000;
/** RFC 3994 §4: a receiver without a refresh value times an active state out after 120 s. */
export const DEFAULT_ACTIVE_TIMEOUT_S = 120;

export type ComposingState = 'active' | 'idle';

export interface IsComposing {
  state: ComposingState;
  /** Seconds the active state lasts unless refreshed. */
  refresh?: number;
  contenttype?: string;
}

/** RFC 3994 §5: an isComposing document. */
export function buildIsComposing(state: ComposingState, refresh?: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">\n' +
    `  <state>${state}</state>\n` +
    '  <contenttype>text/plain</contenttype>\n' +
    (state === 'active' && refresh !== undefined ? `  <refresh>${refresh}</refresh>\n` : '') +
    '</isComposing>\n'
  );
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, processEntities: false });

/** RFC 3994 §5: reads state and refresh; throws IsComposingParseError on bad XML or state. */
export function parseIsComposing(xml: string): IsComposing {
  if (xml.length > 8192 || /<!(DOCTYPE|ENTITY)/i.test(xml)) throw new IsComposingParseError('isComposing document too large or with a DTD');
  if (XMLValidator.validate(xml) !== true) throw new IsComposingParseError('isComposing is not well-formed XML');
  const doc = parser.parse(xml) as Record<string, unknown>;
  const root = doc.isComposing as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') throw new IsComposingParseError('no isComposing element');
  const state = String(root.state ?? '').trim();
  if (state !== 'active' && state !== 'idle') throw new IsComposingParseError(`unknown composing state "${state.slice(0, 20)}"`);
  const out: IsComposing = { state };
  const refresh = Number(String(root.refresh ?? '').trim());
  if (Number.isInteger(refresh) && refresh > 0) out.refresh = refresh;
  if (typeof root.contenttype === 'string') out.contenttype = root.contenttype.trim();
  return out;
}
