/** Fills `items` with the name/value pairs of the parameter text s[from, to). */
export type ParamReader = (s: string, from: number, to: number, items: (string | null)[]) => unknown;

/**
 * Parameters as the parsers return them: a read-only map over one flat array. A header
 * carries a handful of parameters, so a linear lookup is quicker to build and to search
 * than a hash map. A list may also hold only the text it comes from (already checked) and
 * a reader for it: the pairs are then cut on first use. All state is in private fields, so
 * two lists with the same pairs compare equal however they were made.
 */
export class ParamList implements ReadonlyMap<string, string | null> {
  /** name0, value0, name1, value1, … (names lower case and distinct) */
  #items: (string | null)[];
  #source: string | undefined;
  #from = 0;
  #to = 0;
  #reader: ParamReader | undefined;

  constructor(items: (string | null)[] = [], source?: string, from = 0, to = 0, reader?: ParamReader) {
    this.#items = items;
    this.#source = source;
    this.#from = from;
    this.#to = to;
    this.#reader = reader;
  }

  /** The name/value pairs, read from the source text the first time. */
  #list(): (string | null)[] {
    const source = this.#source;
    if (source !== undefined) {
      this.#source = undefined;
      (this.#reader as ParamReader)(source, this.#from, this.#to, this.#items);
    }
    return this.#items;
  }

  /** Adds or replaces (names are already lower case). */
  set(name: string, value: string | null): void {
    const items = this.#list();
    for (let i = 0; i < items.length; i += 2) {
      if (items[i] === name) {
        items[i + 1] = value;
        return;
      }
    }
    items.push(name, value);
  }

  get(name: string): string | null | undefined {
    const items = this.#list();
    for (let i = 0; i < items.length; i += 2) if (items[i] === name) return items[i + 1];
    return undefined;
  }

  has(name: string): boolean {
    const items = this.#list();
    for (let i = 0; i < items.length; i += 2) if (items[i] === name) return true;
    return false;
  }

  get size(): number {
    return this.#list().length / 2;
  }

  forEach(fn: (value: string | null, key: string, map: ReadonlyMap<string, string | null>) => void): void {
    const items = this.#list();
    for (let i = 0; i < items.length; i += 2) fn(items[i + 1] as string | null, items[i] as string, this);
  }

  *entries(): MapIterator<[string, string | null]> {
    const items = this.#list();
    for (let i = 0; i < items.length; i += 2) yield [items[i] as string, items[i + 1] as string | null];
  }

  *keys(): MapIterator<string> {
    const items = this.#list();
    for (let i = 0; i < items.length; i += 2) yield items[i] as string;
  }

  *values(): MapIterator<string | null> {
    const items = this.#list();
    for (let i = 1; i < items.length; i += 2) yield items[i] as string | null;
  }

  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.entries();
  }
}
