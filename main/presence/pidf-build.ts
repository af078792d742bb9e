import type { PresenceStatus } from '../../shared/ipc';

/** RFC 3863 §4.1: the PIDF media type. */
export const PIDF_TYPE = 'application/pidf+xml';

/** RFC 4480 §3.2: the activity each of our states publishes (available has none). */
const ACTIVITY: Partial<Record<PresenceStatus, string>> = {
  away: 'away',
  busy: 'busy',
  'on-the-phone': 'on-the-phone',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/**
 * A PIDF document (RFC 3863 §4) with one tuple and, for RPID (RFC 4480) activities, a
 * data-model person element (RFC 4479) — the layout baresip and kamailio's presence_xml read.
 */
export function buildPidf(entity: string, status: PresenceStatus, note = '', tupleId = 'litesip'): string {
  const basic = status === 'offline' ? 'closed' : 'open';
  const activity = ACTIVITY[status];
  const noteXml = note ? `<note>${escapeXml(note)}</note>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="${escapeXml(entity)}">\n` +
    `<tuple id="${escapeXml(tupleId)}"><status><basic>${basic}</basic></status>${noteXml}</tuple>\n` +
    (activity ? `<dm:person id="p-${escapeXml(tupleId)}"><rpid:activities><rpid:${activity}/></rpid:activities>${note ? `<dm:note>${escapeXml(note)}</dm:note>` : ''}</dm:person>\n` : '') +
    '</presence>\n'
  );
}
