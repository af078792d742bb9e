import fs from 'node:fs';
import path from 'node:path';

/** One message Kamailio received (`rcv`) or sent (`snd`), as its sipdump module wrote it. */
export interface DumpedMessage {
  tag: 'rcv' | 'snd';
  /** e.g. `udp ipv4`, `tcp ipv4`. */
  proto: string;
  src: string;
  dst: string;
  /** Request method, or undefined for a response. */
  method: string | undefined;
  /** Response status, or undefined for a request. */
  status: number | undefined;
  /** The start line as sent. */
  startLine: string;
  /** Header values by lower-case name, in order. */
  headers: Map<string, string[]>;
  text: string;
}

/** Every message in the sipdump `.data` files of `dir`, oldest first. */
export function readSipDump(dir: string): DumpedMessage[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.data')).sort();
  } catch {
    return [];
  }
  return files.flatMap((f) => parseSipDump(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** Parses sipdump's text format: a meta block, a `~~~` line, the message, a `|||` line. */
export function parseSipDump(text: string): DumpedMessage[] {
  const out: DumpedMessage[] = [];
  for (const block of text.split(/^={10,}\n/m)) {
    const [meta, rest] = block.split(/^~{10,}\n/m);
    if (!meta || rest === undefined) continue;
    const message = rest.replace(/\|{10,}\n?$/, '');
    const field = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(meta)?.[1] ?? '';
    const tag = field('tag');
    if (tag !== 'rcv' && tag !== 'snd') continue;
    const [startLine = '', ...lines] = message.split(/\r?\n\r?\n/)[0]!.split(/\r?\n/);
    const headers = new Map<string, string[]>();
    for (const line of lines) {
      const m = /^([^:\s]+)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      const name = m[1]!.toLowerCase();
      headers.set(name, [...(headers.get(name) ?? []), m[2]!]);
    }
    const status = /^SIP\/2\.0 (\d{3})/.exec(startLine);
    out.push({
      tag,
      proto: field('proto'),
      src: `${field('srcip')}:${field('srcport')}`,
      dst: `${field('dstip')}:${field('dstport')}`,
      method: status ? undefined : startLine.split(' ')[0],
      status: status ? Number(status[1]) : undefined,
      startLine,
      headers,
      text: message,
    });
  }
  return out;
}

/** The CSeq method of a dumped message (for responses, the request they answer). */
export function cseqMethod(m: DumpedMessage): string | undefined {
  return m.headers.get('cseq')?.[0]?.split(/\s+/)[1];
}

/** Compact summary for assertions: `rcv REGISTER`, `snd 401 REGISTER`, … */
export function flowOf(messages: readonly DumpedMessage[]): string[] {
  return messages.map((m) => `${m.tag} ${m.status !== undefined ? `${m.status} ${cseqMethod(m) ?? ''}` : m.method}`);
}
