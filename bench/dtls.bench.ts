/**
 * DTLS-SRTP set-up cost (RFC 5764): a fresh ECDSA P-256 certificate, and a full handshake
 * between our client and server endpoints over an in-memory datagram link, fingerprint and
 * signature checks and SRTP key export included. Wall time per handshake and the CPU it takes
 * (both ends on one core). Baseline: the same handshake on werift's bare DtlsClient/DtlsServer,
 * which checks nothing.
 */
import { DtlsClient, DtlsServer } from 'werift';
import { systemClock } from '../main/lib/clock';
import { createDtlsCertificate, DtlsEndpoint, type DtlsCertificate } from '../main/media/dtls';
import type { BenchRow, BenchTable } from './bench-table';

const ROUNDS = 30;

async function ours(a: DtlsCertificate, b: DtlsCertificate): Promise<void> {
  let client: DtlsEndpoint | undefined;
  let server: DtlsEndpoint | undefined;
  const done = (role: 'client' | 'server', cert: DtlsCertificate, peer: DtlsCertificate): Promise<void> =>
    new Promise((resolve, reject) => {
      const e = new DtlsEndpoint(
        { role, certificate: cert, remoteFingerprints: [peer.fingerprint], clock: systemClock, link: { send: (d) => setImmediate(() => (role === 'client' ? server : client)?.receive(d)) } },
        (o) => (o.ok ? resolve() : reject(o.error)),
      );
      if (role === 'client') client = e;
      else server = e;
    });
  const finished = Promise.all([done('server', b, a), done('client', a, b)]);
  server!.start();
  client!.start();
  await finished;
  client!.close();
  server!.close();
}

async function bare(a: DtlsCertificate, b: DtlsCertificate): Promise<void> {
  const link = (deliver: (d: Buffer) => void): { type: string; address: { address: string; family: string; port: number }; closed: boolean; onData: (d: Buffer) => void; send: (d: Buffer) => Promise<void>; close: () => Promise<void> } => ({
    type: 'udp',
    address: { address: '', family: 'IPv4', port: 0 },
    closed: false,
    onData: () => undefined,
    send: async (d) => void setImmediate(() => deliver(d)),
    close: async () => undefined,
  });
  const toServer = link((d) => serverLink.onData(d));
  const serverLink = link((d) => toServer.onData(d));
  const common = { srtpProfiles: [1 as const], extendedMasterSecret: true };
  const server = new DtlsServer({ transport: serverLink, cert: b.certPem, key: b.keyPem, signatureHash: b.signatureHash, certificateRequest: true, ...common });
  const client = new DtlsClient({ transport: toServer, cert: a.certPem, key: a.keyPem, signatureHash: a.signatureHash, ...common });
  // connect() itself resolves only after werift's first retransmission timer: do not wait for it
  const connected = Promise.all([new Promise((r) => server.onConnect.once(r)), new Promise((r) => client.onConnect.once(r))]);
  void client.connect().catch(() => undefined);
  await connected;
  client.close();
  server.close();
}

async function measure(name: string, run: () => Promise<void>): Promise<{ wall: BenchRow; cpu: BenchRow }> {
  await run(); // warm-up
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((x, y) => x - y);
  return {
    wall: { name, value: times[Math.floor(times.length / 2)]!, unit: 'ms (median)', note: `p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} ms` },
    cpu: { name, value: (cpu.user + cpu.system) / 1000 / ROUNDS, unit: 'ms CPU/handshake' },
  };
}

export async function run(): Promise<BenchTable[]> {
  const t = performance.now();
  const certs: DtlsCertificate[] = [];
  for (let i = 0; i < 10; i++) certs.push(await createDtlsCertificate());
  const certMs = (performance.now() - t) / 10;
  const [a, b] = certs as [DtlsCertificate, DtlsCertificate];
  const baseline = 'werift DtlsClient/Server (no checks)';
  const mine = await measure('LiteSIP DtlsEndpoint (checks + key export)', () => ours(a, b));
  const theirs = await measure(baseline, () => bare(a, b));
  return [
    { title: 'DTLS certificate', rows: [{ name: 'ECDSA P-256 self-signed', value: certMs, unit: 'ms', note: 'once per engine run' }] },
    { title: 'DTLS-SRTP handshake, client and server on one core over an in-memory link: wall time', rows: [mine.wall, theirs.wall], baseline, lowerIsBetter: true },
    { title: 'DTLS-SRTP handshake: CPU of both ends', rows: [mine.cpu, theirs.cpu], baseline, lowerIsBetter: true },
  ];
}
