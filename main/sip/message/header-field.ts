import type { HeaderField } from './types';

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
