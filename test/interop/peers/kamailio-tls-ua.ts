/**
 * Two LiteSIP user agents (the SIP core, no media) over TLS against Kamailio, run inside the
 * test's network namespace: `node --import tsx kamailio-tls-ua.ts '<json>'`. Prints one JSON
 * event per line and exits 0 when the scenario ran (the test judges the events).
 *
 * - `call`: alice and bob register over TLS (401 answered), alice calls bob through the proxy
 *   (407 answered), bob answers, alice hangs up.
 * - `register`: alice registers only, trusting `caPath` (a CA that did not sign Kamailio's
 *   certificate makes the connection fail).
 */
import { systemClock } from '../../../main/lib/clock';
import { MemoryCredentialStore } from '../../../main/sip/auth';
import { parseUri, type Uri } from '../../../main/sip/message';
import { IncomingInvite, OutgoingInvite, Registerer, UserAgent } from '../../../main/sip/ua';

interface Scenario {
  mode: 'call' | 'register';
  proxyPort: number;
  caPath: string;
  certPath: string;
  keyPath: string;
}

const fs = await import('node:fs');
const scenario = JSON.parse(process.argv[2] ?? '{}') as Scenario;
const print = (event: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(event)}\n`);
const uri = (text: string): Uri => {
  const r = parseUri(text);
  if (!r.ok) throw new Error(`bad URI ${text}`);
  return r.value;
};
const proxy = { transport: 'tls' as const, host: '127.0.0.1', port: scenario.proxyPort };
const tls = { cert: fs.readFileSync(scenario.certPath, 'utf8'), key: fs.readFileSync(scenario.keyPath, 'utf8'), ca: fs.readFileSync(scenario.caPath, 'utf8') };

async function agent(user: string): Promise<{ ua: UserAgent; registerer: Registerer }> {
  const credentials = new MemoryCredentialStore().set('127.0.0.1', { username: user, secret: { password: 'secret' } });
  const ua = await UserAgent.start({ listen: [{ transport: 'tls', host: '127.0.0.1', port: 0 }], user, product: 'LiteSIP/interop', credentials, tls });
  ua.outboundProxy = uri(`sip:127.0.0.1:${scenario.proxyPort};transport=tls`);
  const registerer = new Registerer(ua, { aor: uri(`sip:${user}@127.0.0.1`), target: proxy, expires: 300 });
  const status = await registerer.register();
  print({ event: 'registration', user, ...status });
  return { ua, registerer };
}

const agents: { ua: UserAgent; registerer: Registerer }[] = [];
try {
  const alice = await agent('alice');
  agents.push(alice);
  if (scenario.mode === 'call' && alice.registerer.status.state === 'registered') {
    const bob = await agent('bob');
    agents.push(bob);
    bob.ua.handle('INVITE', (request, tx) => {
      const incoming = new IncomingInvite(bob.ua, request, tx as never, systemClock);
      incoming.ring();
      const session = incoming.accept({ data: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n', contentType: 'application/sdp' });
      session.delegate = { onReoffer: () => ({ status: 488 }), onEnded: (r) => print({ event: 'ended', user: 'bob', by: r.by }) };
    });
    const provisional: number[] = [];
    const offer = 'v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';
    const invite = new OutgoingInvite(alice.ua, alice.ua.createRequest('INVITE', 'sip:bob@127.0.0.1', { body: { data: offer, contentType: 'application/sdp' } }), systemClock, (r) => provisional.push(r.status));
    const outcome = await invite.start();
    print({ event: 'call', ok: outcome.ok, status: outcome.ok ? 200 : outcome.response.status, provisional });
    if (outcome.ok) {
      outcome.session.delegate = { onReoffer: () => ({ status: 488 }), onEnded: (r) => print({ event: 'ended', user: 'alice', by: r.by }) };
      await new Promise((resolve) => setTimeout(resolve, 300));
      await outcome.session.bye();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
} catch (err) {
  print({ event: 'error', message: err instanceof Error ? err.message : String(err) });
} finally {
  for (const a of agents) await a.registerer.unregister().catch(() => undefined);
  for (const a of agents) await a.ua.close();
}
process.exit(0);
