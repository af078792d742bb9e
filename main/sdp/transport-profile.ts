/** What kind of protection a transport protocol carries. */
export function profileOf(proto: string): 'avp' | 'savp' | 'dtls' | 'other' {
  const p = proto.toUpperCase();
  if (/^RTP\/AVPF?$/.test(p)) return 'avp';
  if (/^RTP\/SAVPF?$/.test(p)) return 'savp';
  // RFC 5764 §8: DTLS-SRTP over UDP; TCP/DTLS variants need a TCP media transport we lack.
  if (/^UDP\/TLS\/RTP\/SAVPF?$/.test(p)) return 'dtls';
  return 'other';
}
