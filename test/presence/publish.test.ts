import { afterEach, describe, expect, it } from 'vitest';
import { buildPidf, PresencePublisher } from '../../main/presence';
import { parseUri, type SipRequest } from '../../main/sip/message';
import { UserAgent } from '../../main/sip/ua';
import { VirtualClock } from '../helpers/virtual-clock';

const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('PUBLISH in server mode (RFC 3903)', () => {
  it('publishes, refreshes with SIP-If-Match and no body, republishes after 412, and removes on stop', async () => {
    const server = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'pa', product: 'test' });
    const alice = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', product: 'test' });
    agents.push(server, alice);
    const seen: SipRequest[] = [];
    let tag = 0;
    let forget = false;
    server.handle('PUBLISH', (request, tx) => {
      seen.push(request);
      if (forget && request.getHeader('SIP-If-Match')) {
        forget = false;
        server.respond(tx, 412, { reason: 'Conditional Request Failed' });
        return;
      }
      const expires = request.expires ?? 3600;
      server.respond(tx, 200, { headers: [['SIP-ETag', `e${++tag}`], ['Expires', String(Math.min(expires, 60))]] });
    });
    const port = server.listening[0]!.port;
    const aor = parseUri(`sip:alice@127.0.0.1:${port}`);
    if (!aor.ok) throw new Error('bad aor');
    const clock = new VirtualClock();
    const publisher = new PresencePublisher(alice, clock, { aor: aor.value, from: `<sip:alice@127.0.0.1:${port}>`, expires: 3600 });
    const first = await publisher.publish(buildPidf('sip:alice@127.0.0.1', 'available'));
    expect(first.status).toBe(200);
    expect(seen[0]!.getHeader('Event')).toBe('presence');
    expect(seen[0]!.getHeader('Content-Type')).toBe('application/pidf+xml');
    expect(seen[0]!.getHeader('SIP-If-Match')).toBeUndefined();
    expect(publisher.entityTag).toBe('e1');
    // Granted 60 s: the refresh goes 30 s before expiry, with the tag and no body.
    clock.advance(29_000);
    expect(seen).toHaveLength(1);
    clock.advance(1_000);
    await until(() => seen.length === 2 && publisher.entityTag === 'e2');
    expect(seen[1]!.getHeader('SIP-If-Match')).toBe('e1');
    expect(seen[1]!.body.length).toBe(0);
    // The server lost our tag: the next modify gets 412 and the whole state goes again.
    forget = true;
    await publisher.publish(buildPidf('sip:alice@127.0.0.1', 'busy'));
    expect(seen).toHaveLength(4);
    expect(seen[3]!.getHeader('SIP-If-Match')).toBeUndefined();
    expect(seen[3]!.body.toString()).toContain('<rpid:busy/>');
    expect(publisher.entityTag).toBe('e3');
    await publisher.stop();
    expect(seen[4]!.getHeader('Expires')).toBe('0');
    expect(seen[4]!.getHeader('SIP-If-Match')).toBe('e3');
  });
});
