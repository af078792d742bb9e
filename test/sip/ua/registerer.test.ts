import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/lib/clock';
import { DigestServer, MemoryCredentialStore } from '../../../main/sip/auth';
import { parseUri, type SipRequest } from '../../../main/sip/message';
import { Registerer, UserAgent, type RegistrationStatus } from '../../../main/sip/ua';

const started: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((u) => u.close()));
});

/** A small registrar built on the UA core: digest-protected, Min-Expires 60, records bindings. */
async function registrar(): Promise<{ ua: UserAgent; bindings: Map<string, number>; requests: SipRequest[] }> {
  const ua = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'registrar', product: 'Registrar/test' });
  started.push(ua);
  const digest = new DigestServer({ realm: 'example.test', clock: systemClock, users: (u) => (u === 'alice' ? { password: 'secret' } : undefined) });
  const bindings = new Map<string, number>();
  const requests: SipRequest[] = [];
  ua.handle('REGISTER', (request, tx) => {
    requests.push(request);
    const auth = request.getHeaders('Authorization');
    const verdict = digest.verify(auth, { method: 'REGISTER', uri: request.uriText });
    if (!verdict.ok) {
      ua.respond(tx, verdict.challenge.status, { headers: verdict.challenge.values.map((v) => [verdict.challenge.headerName, v] as const) });
      return;
    }
    const expires = request.expires ?? 3600;
    if (expires > 0 && expires < 60) {
      ua.respond(tx, 423, { headers: [['Min-Expires', 60]] });
      return;
    }
    const contact = request.getHeader('Contact') as string;
    if (expires === 0) bindings.delete(contact);
    else bindings.set(contact, Math.min(expires, 120));
    const headers = [...bindings].map(([c, e]) => ['Contact', `${c};expires=${e}`] as const);
    ua.respond(tx, 200, { headers });
  });
  return { ua, bindings, requests };
}

describe('Registerer (RFC 3261 §10.2)', () => {
  it('registers through a digest challenge, negotiates expiry with 423, and unregisters', async () => {
    const reg = await registrar();
    const port = reg.ua.listening[0]!.port;
    const credentials = new MemoryCredentialStore().set('example.test', { username: 'alice', secret: { password: 'secret' } });
    const alice = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', product: 'LiteSIP/test', credentials });
    started.push(alice);
    const seen: RegistrationStatus[] = [];
    const aor = parseUri('sip:alice@example.test');
    if (!aor.ok) throw new Error('bad aor');
    const registerer = new Registerer(alice, {
      aor: aor.value,
      target: { transport: 'udp', host: '127.0.0.1', port },
      expires: 30,
      instanceId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      onChange: (s) => seen.push(s),
    });
    const status = await registerer.register();
    expect(status).toEqual({ aor: 'sip:alice@example.test', state: 'registered', expires: 60 });
    expect(reg.bindings.size).toBe(1);
    const [contact] = [...reg.bindings.keys()];
    expect(contact).toContain('+sip.instance="<urn:uuid:00000000-0000-4000-8000-000000000001>"');
    expect(contact).toContain('reg-id=1');
    // 401 → authorized REGISTER (30 s) → 423 → REGISTER with 60 s, each with CSeq + 1 and one Call-ID.
    const cseqs = reg.requests.map((r) => r.cseq.seq);
    expect(cseqs).toEqual(cseqs.map((_, i) => cseqs[0]! + i));
    expect(new Set(reg.requests.map((r) => r.callId)).size).toBe(1);
    expect(reg.requests.map((r) => r.expires)).toEqual([30, 30, 60]);

    await registerer.unregister();
    expect(reg.bindings.size).toBe(0);
    expect(seen.map((s) => s.state)).toEqual(['registering', 'registered', 'unregistered']);
  });

  it('reports a wrong password as a failure with the reason', async () => {
    const reg = await registrar();
    const credentials = new MemoryCredentialStore().set('example.test', { username: 'alice', secret: { password: 'wrong' } });
    const alice = await UserAgent.start({ listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', product: 'LiteSIP/test', credentials });
    started.push(alice);
    const aor = parseUri('sip:alice@example.test');
    if (!aor.ok) throw new Error('bad aor');
    const registerer = new Registerer(alice, { aor: aor.value, target: { transport: 'udp', host: '127.0.0.1', port: reg.ua.listening[0]!.port } });
    const status = await registerer.register();
    expect(status.state).toBe('failed');
    expect(status.reason).toMatch(/^401/);
    await registerer.unregister();
  });
});
