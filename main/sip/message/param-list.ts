/**
 * Parameters as the parsers return them: a read-only map over one flat array. A header
 * carries a handful of parameters, so a linear lookup is quicker to build and to search
 * than a hash map.
 */
export class ParamList implements ReadonlyMap<string, string | null> {
  constructor(
    /** name0, value0, name1, value1, … (names lower case and distinct) */
    private readonly items: (string | null)[] = [],
  ) {}

  /** Adds or replaces (names are already lower case). */
  set(name: string, value: string | null): void {
    const items = this.items;
    for (let i = 0; i < items.length; i += 2) {
      if (items[i] === name) {
        items[i + 1] = value;
        return;
      }
    }
    items.push(name, value);
  }

  get(name: string): string | null | undefined {
    const items = this.items;
    for (let i = 0; i < items.length; i += 2) if (items[i] === name) return items[i + 1];
    return undefined;
  }

  has(name: string): boolean {
    const items = this.items;
    for (let i = 0; i < items.length; i += 2) if (items[i] === name) return true;
    return false;
  }

  get size(): number {
    return this.items.length / 2;
  }

  forEach(fn: (value: string | null, key: string, map: ReadonlyMap<string, string | null>) => void): void {
    for (let i = 0; i < this.items.length; i += 2) fn(this.items[i + 1] as string | null, this.items[i] as string, this);
  }

  *entries(): MapIterator<[string, string | null]> {
    for (let i = 0; i < this.items.length; i += 2) yield [this.items[i] as string, this.items[i + 1] as string | null];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.items.length; i += 2) yield this.items[i] as string;
  }

  *values(): MapIterator<string | null> {
    for (let i = 1; i < this.items.length; i += 2) yield this.items[i] as string | null;
  }

  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.entries();
  }
}
