import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { NetNs } from '../../helpers/netns';
import { collectOutput, exitOf } from './child-output';
import { removeDir, scratchDir } from './scratch-dir';

/** One RTP packet as tshark decoded it. */
export interface CapturedRtp {
  srcPort: number;
  dstPort: number;
  payloadType: number;
  seq: number;
  timestamp: number;
  /** RTP payload bytes (UDP payload minus the 12-byte header; no CSRCs or extensions here). */
  payloadBytes: number;
}

/** tshark on the namespace's loopback, every UDP datagram read as RTP where it looks like RTP. */
export class RtpCapture {
  private readonly output: () => string;

  private constructor(
    private readonly ns: NetNs,
    private readonly child: ChildProcess,
    private readonly dir: string,
    private readonly file: string,
  ) {
    this.output = collectOutput(child);
  }

  static async start(ns: NetNs): Promise<RtpCapture> {
    const dir = scratchDir('capture');
    const file = path.join(dir, 'rtp.pcap');
    const child = ns.spawn('tshark', ['-q', '-i', 'lo', '-f', 'udp', '-F', 'pcap', '-w', file]);
    const capture = new RtpCapture(ns, child, dir, file);
    const end = Date.now() + 15_000;
    while (!/Capturing on/.test(capture.output())) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`tshark did not start: ${capture.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return capture;
  }

  /** Stops capturing and returns the RTP packets seen (not SRTP: its payload is opaque but the header is read all the same). */
  async stop(): Promise<CapturedRtp[]> {
    await new Promise((r) => setTimeout(r, 300)); // let the last packets reach the file
    this.child.kill('SIGINT');
    await exitOf(this.child);
    const text = this.ns.exec('tshark', ['-r', this.file, '-o', 'rtp.heuristic_rtp:TRUE', '-Y', 'rtp && !rtcp', '-T', 'fields', '-e', 'udp.srcport', '-e', 'udp.dstport', '-e', 'rtp.p_type', '-e', 'rtp.seq', '-e', 'rtp.timestamp', '-e', 'udp.length'], { timeoutMs: 30_000 });
    removeDir(this.dir);
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [src, dst, pt, seq, ts, udpLength] = l.split('\t').map(Number) as [number, number, number, number, number, number];
        return { srcPort: src, dstPort: dst, payloadType: pt, seq, timestamp: ts, payloadBytes: udpLength - 8 - 12 };
      });
  }
}
