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
 * out-of-dialog request goes to every target with our Via on top. The first 2xx goes back at
 * once, others are dropped (§16.7 step 5); without a 2xx, the lowest final status once all
 * answered. Without `recordRoute`, in-dialog requests travel between the endpoints directly;
 * with it, every request we forward gets our Record-Route, and in-dialog requests that name
 * us in Route go on to their Request-URI.
 */
export class ForkingProxy {
  readonly forwardedRequests: string[] = [];
  private readonly forks = new Map<string, Forked>();
  private readonly byBranch = new Map<string, Forked>();

  private constructor(
    private readonly socket: dgram.Socket,
    readonly port: number,
    private readonly targets: () => ForkTarget[],
    private readonly recordRoute: boolean,
  ) {
    socket.on('message', (data, rinfo) => this.receive(data, rinfo));
  }

  static async start(targets: () => ForkTarget[], options: { recordRoute?: boolean } = {}): Promise<ForkingProxy> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    return new ForkingProxy(socket, socket.address().port, targets, options.recordRoute ?? false);
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
    if (!branch) return;
    const [line = '', ...all] = head.split('\r\n');
    const [method, uri] = line.split(' ');
    const ours = (h: string): boolean => /^Route:/i.test(h) && h.includes(`127.0.0.1:${this.port};lr`);
    const headers = all.filter((h) => !ours(h));
    if (/^To:[^\r\n]*;tag=/im.test(head)) {
      // RFC 3261 §16.4, §16.6: an in-dialog request that named us in Route goes on to its Request-URI.
      if (!this.recordRoute || headers.length === all.length) return;
      const hop = /@([\d.]+):(\d+)/.exec(uri ?? '');
      if (!hop) return;
      this.forward(branch, rinfo, method ?? '', uri ?? '', headers, rest, [{ host: hop[1]!, port: Number(hop[2]) }], 'fwd');
      return;
    }
    this.forward(branch, rinfo, method ?? '', uri ?? '', headers, rest, this.targets(), 'fork');
  }

  private forward(branch: string, rinfo: dgram.RemoteInfo, method: string, uri: string, headers: string[], rest: string, targets: ForkTarget[], kind: string): void {
    let forked = this.forks.get(branch);
    if (!forked) {
      forked = { source: rinfo, branches: [], finals: new Map(), forwarded: undefined };
      this.forks.set(branch, forked);
      this.forwardedRequests.push(method);
    }
    targets.forEach((t, i) => {
      const ours = `z9hG4bK-${kind}${i}-${branch}`;
      if (!forked.branches.includes(ours)) forked.branches.push(ours);
      this.byBranch.set(ours, forked);
      const target = kind === 'fork' ? uri.replace(/@[^;>]+/, `@${t.host}:${t.port}`) : uri;
      const out = [
        `${method} ${target} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=${ours}`,
        ...(this.recordRoute ? [`Record-Route: <sip:127.0.0.1:${this.port};lr>`] : []),
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
