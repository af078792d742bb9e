import { SipBuildError } from './errors';
import { prettyName } from './header-names';
import type { HeaderField } from './types';

/** A header value as the setters take it. */
export type HeaderValue = string | number;

/**
 * A header line as the parser found it. The exact text of the line (`raw`) is cut from the
 * header block only when asked for: only a modified message needs it.
 */
export class ReceivedField implements HeaderField {
  constructor(
    readonly name: string,
    readonly key: string,
    readonly value: string,
    private readonly head: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get raw(): string {
    return this.head.slice(this.start, this.end);
  }
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
