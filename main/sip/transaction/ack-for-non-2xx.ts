import { createRequest, type SipRequest, type SipResponse } from '../message';

/**
 * RFC 3261 §17.1.1.3: the ACK a client transaction sends for a 300-699 response to `invite`.
 * Request-URI, Call-ID and From equal the INVITE's, To is the response's (with its tag), the
 * single Via is the INVITE's top Via (same branch), CSeq has the same number and method ACK,
 * and the INVITE's Route header fields are kept.
 */
export function ackForNon2xx(invite: SipRequest, response: SipResponse): SipRequest {
  const headers: [string, string | number][] = [];
  const topVia = invite.getHeaders('Via')[0];
  if (topVia !== undefined) headers.push(['Via', topVia]);
  headers.push(['Max-Forwards', 70]);
  for (const route of invite.getHeaders('Route')) headers.push(['Route', route]);
  headers.push(
    ['From', invite.getHeader('From') ?? ''],
    ['To', response.getHeader('To') ?? ''],
    ['Call-ID', invite.callId],
    ['CSeq', `${invite.cseq.seq} ACK`],
  );
  return createRequest('ACK', invite.uri, headers);
}
