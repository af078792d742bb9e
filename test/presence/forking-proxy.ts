import dgram from 'node:dgram';

export interface ForkTarget {
  host: string;
  port: number;
}

interface Forked {
  /** Where the request came from; its final response goes back there. */
  source: dgram.RemoteInfo;
  branches: string[];
  finals: Map<string, { status: number; data: Buffer }>;
  /** The branch whose final response went back (its retransmissions follow). */
  forwarded: string | undefined;
}

/**
 * A tiny forking proxy on UDP loopback for tests (RFC 3261 §16.6–16.7, non-INVITE only): an
 * out-of-dialog request goes to every target with our Via on top and no Record-Route, so
 * in-dialog requests travel between the endpoints directly. The first 2xx goes back at once,
 * others are dropped (§16.7 step 5); without a 2xx, the lowest final status once all answered.
 */
export class ForkingProxy {
  readonly forwardedRequests: string[] = [];
  private readonly forks = new Map<string, Forked>();
  private readonly byBranch = new Map<string, Forked>();

  private constructor(
    private readonly socket: dgram.Socket,
    readonly port: number,
    private readonly targets: () => ForkTarget[],
  ) {
    socket.on('message', (data, rinfo) => this.receive(data, rinfo));
  }

  static async start(targets: () => ForkTarget[]): Promise<ForkingProxy> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    return new ForkingProxy(socket, socket.address().port, targets);
  }

  close(): Promise<void> {
    return new Promise((r) => this.socket.close(() => r()));
  }

  private receive(data: Buffer, rinfo: dgram.RemoteInfo): void {
    const text = data.toString('utf8');
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = text.slice(0, end);
    const rest = text.slice(end);
    if (head.startsWith('SIP/2.0 ')) this.response(head, rest);
    else this.request(head, rest, rinfo);
  }

  private request(head: string, rest: string, rinfo: dgram.RemoteInfo): void {
    const branch = /^Via:[^\r\n]*;branch=([^;,\s]+)/im.exec(head)?.[1];
    if (!branch || /^To:[^\r\n]*;tag=/im.test(head)) return;
    const [line = '', ...headers] = head.split('\r\n');
    const [method, uri] = line.split(' ');
    let forked = this.forks.get(branch);
    if (!forked) {
      forked = { source: rinfo, branches: [], finals: new Map(), forwarded: undefined };
      this.forks.set(branch, forked);
      this.forwardedRequests.push(method ?? '');
    }
    this.targets().forEach((t, i) => {
      const ours = `z9hG4bK-fork${i}-${branch}`;
      if (!forked.branches.includes(ours)) forked.branches.push(ours);
      this.byBranch.set(ours, forked);
      const target = (uri ?? '').replace(/@[^;>]+/, `@${t.host}:${t.port}`);
      const out = [
        `${method} ${target} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=${ours}`,
        ...headers.map((h) => h.replace(/^Max-Forwards:\s*(\d+)/i, (_m, n: string) => `Max-Forwards: ${Number(n) - 1}`)),
      ].join('\r\n');
      this.socket.send(Buffer.from(out + rest), t.port, t.host);
    });
  }

  private response(head: string, rest: string): void {
    const lines = head.split('\r\n');
    const top = lines.findIndex((l) => /^(Via|v):/i.test(l));
    const ours = /;branch=([^;,\s]+)/.exec(lines[top] ?? '')?.[1];
    const forked = ours ? this.byBranch.get(ours) : undefined;
    if (!forked || !ours) return;
    const status = Number(lines[0]?.split(' ')[1]);
    if (status < 200) return;
    lines.splice(top, 1);
    const data = Buffer.from(lines.join('\r\n') + rest);
    const send = (d: Buffer): void => this.socket.send(d, forked.source.port, forked.source.address);
    if (forked.forwarded !== undefined) {
      if (forked.forwarded === ours) send(data);
      return;
    }
    forked.finals.set(ours, { status, data });
    if (status < 300) {
      forked.forwarded = ours;
      send(data);
    } else if (forked.finals.size === forked.branches.length) {
      const [branch, best] = [...forked.finals].sort((a, b) => a[1].status - b[1].status)[0]!;
      forked.forwarded = branch;
      send(best.data);
    }
  }
}
