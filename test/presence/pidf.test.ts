import { describe, expect, it } from 'vitest';
import { buildPidf, parsePidf, PidfParseError } from '../../main/presence';

describe('PIDF (RFC 3863) with RPID (RFC 4480)', () => {
  it('round-trips every state and escapes the note', () => {
    for (const status of ['available', 'away', 'busy', 'on-the-phone', 'offline'] as const) {
      const xml = buildPidf('sip:alice@example.com', status, 'fish & <chips>');
      expect(parsePidf(xml)).toEqual({ status, note: 'fish & <chips>' });
    }
    expect(buildPidf('sip:a@b', 'busy')).toContain('<rpid:busy/>');
    expect(buildPidf('sip:a@b', 'offline')).toContain('<basic>closed</basic>');
  });

  it('reads other namespace prefixes and ignores elements it does not know', () => {
    const xml = `<?xml version="1.0"?>
<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:example:unknown" xmlns:r="urn:ietf:params:xml:ns:pidf:rpid" xmlns:d="urn:ietf:params:xml:ns:pidf:data-model" entity="pres:bob@example.com">
  <p:tuple id="t1"><p:status><p:basic>open</p:basic><x:mood>fine</x:mood></p:status><p:contact priority="0.8">sip:bob@192.0.2.4</p:contact></p:tuple>
  <d:person id="p1"><r:activities><r:on-the-phone/></r:activities><x:extra a="1"/></d:person>
  <x:whatever><x:deep/></x:whatever>
  <p:note xml:lang="en">call me later</p:note>
</p:presence>`;
    expect(parsePidf(xml)).toEqual({ status: 'on-the-phone', note: 'call me later' });
  });

  it('reads a plain open tuple without person data as available, closed as offline', () => {
    const open = '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:x@y"><tuple id="a"><status><basic>open</basic></status></tuple></presence>';
    expect(parsePidf(open)).toEqual({ status: 'available', note: '' });
    expect(parsePidf(open.replace('open', 'closed'))).toEqual({ status: 'offline', note: '' });
    const awayNote = '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:x@y"><tuple id="a"><status><basic>open</basic></status><note>brb</note></tuple><person xmlns="urn:ietf:params:xml:ns:pidf:data-model" id="p"><rpid:activities><rpid:away/></rpid:activities></person></presence>';
    expect(parsePidf(awayNote)).toEqual({ status: 'away', note: 'brb' });
  });

  it('refuses malformed XML and documents that are not PIDF with a clear error', () => {
    expect(() => parsePidf('<presence><tuple></presence>')).toThrow(PidfParseError);
    expect(() => parsePidf('<presence><tuple></presence>')).toThrow(/malformed PIDF XML/);
    expect(() => parsePidf('<foo/>')).toThrow(/no <presence> root/);
    expect(() => parsePidf('not xml at all')).toThrow(PidfParseError);
    expect(() => parsePidf(`<presence>${'<x/>'.repeat(20_000)}</presence>`)).toThrow(/64 KiB/);
    const laughs = '<?xml version="1.0"?><!DOCTYPE presence [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><presence xmlns="urn:ietf:params:xml:ns:pidf"><note>&b;</note></presence>';
    expect(() => parsePidf(laughs)).toThrow(/DTD/);
  });
});
