import dgram from 'node:dgram';
import dnsPacket, { type Answer, type NaptrData, type SrvData } from 'dns-packet';
import { afterEach } from 'vitest';

/** What the stub knows about one name. A name that is not in the zone gets NXDOMAIN. */
export interface StubName {
  NAPTR?: NaptrData[];
  SRV?: SrvData[];
  A?: string[];
  AAAA?: string[];
  /** TTL of every answer for this name, seconds (default 300). */
  ttl?: number;
  /** Answer with this error instead. */
  rcode?: 'SERVFAIL' | 'REFUSED' | 'NXDOMAIN';
  /** Never answer (the client times out). */
  drop?: boolean;
}

export type StubZone = Record<string, StubName>;

const RCODES = { NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 } as const;
const running = new Set<DnsStubServer>();

/** A DNS server on 127.0.0.1 (UDP, port chosen by the OS) that answers from a table. */
export class DnsStubServer {
  /** Every question asked, in order, as "TYPE name". */
  readonly queries: string[] = [];

  private constructor(
    private readonly socket: dgram.Socket,
    public zone: StubZone,
  ) {
    socket.on('message', (msg, rinfo) => this.answer(msg, rinfo));
  }

  static async start(zone: StubZone): Promise<DnsStubServer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    const server = new DnsStubServer(socket, zone);
    running.add(server);
    return server;
  }

  /** "127.0.0.1:PORT", for Resolver.setServers. */
  get address(): string {
    return `127.0.0.1:${this.socket.address().port}`;
  }

  close(): void {
    running.delete(this);
    this.socket.close();
  }

  private find(name: string): StubName | undefined {
    const lower = name.toLowerCase().replace(/\.$/, '');
    const key = Object.keys(this.zone).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : this.zone[key];
  }

  private answer(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    this.queries.push(`${question.type} ${question.name}`);
    const entry = this.find(question.name);
    if (entry?.drop) return;
    let rcode = entry ? 0 : RCODES.NXDOMAIN;
    if (entry?.rcode) rcode = RCODES[entry.rcode];
    const answers: Answer[] = [];
    if (entry && rcode === 0) {
      const ttl = entry.ttl ?? 300;
      const name = question.name;
      if (question.type === 'NAPTR') for (const data of entry.NAPTR ?? []) answers.push({ type: 'NAPTR', name, ttl, data });
      if (question.type === 'SRV') for (const data of entry.SRV ?? []) answers.push({ type: 'SRV', name, ttl, data });
      if (question.type === 'A') for (const data of entry.A ?? []) answers.push({ type: 'A', name, ttl, data });
      if (question.type === 'AAAA') for (const data of entry.AAAA ?? []) answers.push({ type: 'AAAA', name, ttl, data });
    }
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      // The rcode sits in the low four bits of the flags word.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers,
    });
    this.socket.send(response, rinfo.port, rinfo.address);
  }
}

afterEach(() => {
  for (const server of running) server.close();
});
