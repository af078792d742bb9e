import { SipBuildError } from './errors';
import { prettyName } from './header-names';
import type { HeaderField } from './types';

/** A header value as the setters take it. */
export type HeaderValue = string | number;

/**
 * A header line as the parser found it: offsets into the received header block. Its name,
 * value and exact text (`raw`) are cut from the block when first asked for.
 */
export class ReceivedField implements HeaderField {
  private cutName: string | undefined;
  private cutValue: string | undefined;

  constructor(
    readonly key: string,
    /** The received header block the line is in. */
    readonly block: string,
    /** Where the line starts and ends (before its CRLF) in the block. */
    readonly start: number,
    readonly end: number,
    /** The name when it is written in its usual spelling (a shared string), else undefined. */
    spelling: string | undefined,
    private readonly nameEnd: number,
    private readonly valueStart: number,
    /** Where the trimmed value ends; `-end - 1` when the value is folded over several lines. */
    private readonly valueEnd: number,
  ) {
    this.cutName = spelling;
  }

  get name(): string {
    return (this.cutName ??= this.block.slice(this.start, this.nameEnd));
  }

  get value(): string {
    if (this.cutValue === undefined) {
      const end = this.valueEnd;
      this.cutValue = end < 0 ? unfold(this.block.slice(this.valueStart, -end - 1)) : this.block.slice(this.valueStart, end);
    }
    return this.cutValue;
  }

  get raw(): string {
    return this.block.slice(this.start, this.end);
  }
}

/**
 * The header lines of a parsed message as offsets into its header block: what the parser
 * records in one pass. The HeaderField objects (name and value strings) are cut on first use,
 * so a message whose only use is its eager headers never builds them.
 */
export class ReceivedHeaders {
  private readonly spans: number[] = [];
  private readonly names: (string | undefined)[] = [];
  private readonly keys: string[] = [];

  constructor(readonly head: string) {}

  /**
   * Records a line: its name s[nameStart, nameEnd) (`name` when it is a shared spelling),
   * its key, its trimmed value s[valueStart, valueEnd) (`folded` when it spans lines) and
   * where the line ends.
   */
  add(key: string, name: string | undefined, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, lineEnd: number, folded: boolean): void {
    this.keys.push(key);
    this.names.push(name);
    this.spans.push(nameStart, nameEnd, valueStart, folded ? -valueEnd - 1 : valueEnd, lineEnd);
  }

  /** The HeaderField of every line, in order (names and values are cut when read). */
  fields(): HeaderField[] {
    const head = this.head;
    const spans = this.spans;
    const out: HeaderField[] = new Array(this.keys.length);
    for (let k = 0; k < this.keys.length; k++) {
      const o = k * 5;
      out[k] = new ReceivedField(this.keys[k] as string, head, spans[o] as number, spans[o + 4] as number, this.names[k], spans[o + 1] as number, spans[o + 2] as number, spans[o + 3] as number);
    }
    return out;
  }

}

/** RFC 3261 §7.3.1: folded lines read as one, each line break with its whitespace as one SP. */
export function unfold(value: string): string {
  return value.replace(/[ \t]*\r\n[ \t]+/g, ' ');
}

/** Header lines for values a setter was given; compact names are written long. */
export function setLines(name: string, key: string, value: HeaderValue | readonly HeaderValue[]): HeaderField[] {
  const written = name.length === 1 ? prettyName(name) : name;
  const values = Array.isArray(value) ? (value as readonly HeaderValue[]) : [value as HeaderValue];
  return values.map((v) => {
    const text = String(v).trim();
    // RFC 3261 §7.3.1: a value set by the stack is one line (no header injection)
    if (/[\r\n]/.test(text)) throw new SipBuildError(written, 'line breaks are not allowed in a value');
    return { name: written, key, value: text };
  });
}
