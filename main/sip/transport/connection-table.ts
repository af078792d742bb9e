import { addressKey, type HostPort, type TransportAddress } from './transport-address';

/** What the table needs to know about a connection. */
export interface TableConnection {
  readonly id: number;
  readonly transport: 'tcp' | 'tls';
  readonly remote: HostPort;
  readonly closed: boolean;
}

/**
 * Open TCP/TLS connections keyed by transport and remote address (RFC 3261 §18: reuse an
 * existing connection to the same destination), with extra alias keys such as the sent-by
 * a peer advertises for its connection (RFC 5923 §5) or a flow (RFC 5626 §5.2).
 */
export class ConnectionTable<C extends TableConnection> {
  private readonly byKey = new Map<string, C[]>();
  private readonly byIdMap = new Map<number, C>();
  private readonly keysOf = new Map<number, Set<string>>();

  add(connection: C): void {
    this.byIdMap.set(connection.id, connection);
    this.index({ transport: connection.transport, ...connection.remote }, connection);
  }

  /** Adds another address under which `connection` is found (it must be in the table). */
  alias(address: TransportAddress, connection: C): void {
    if (this.byIdMap.get(connection.id) !== connection || address.transport !== connection.transport) return;
    this.index(address, connection);
  }

  /** The newest open connection to `address` (by remote address or alias). */
  find(address: TransportAddress): C | undefined {
    const list = this.byKey.get(addressKey(address));
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i];
      if (c && !c.closed) return c;
    }
    return undefined;
  }

  byId(id: number): C | undefined {
    const c = this.byIdMap.get(id);
    return c && !c.closed ? c : undefined;
  }

  /** The entry for `id` even when it has just closed (until removed). */
  byIdIncludingClosed(id: number): C | undefined {
    return this.byIdMap.get(id);
  }

  remove(connection: C): void {
    if (this.byIdMap.get(connection.id) !== connection) return;
    this.byIdMap.delete(connection.id);
    for (const key of this.keysOf.get(connection.id) ?? []) {
      const rest = (this.byKey.get(key) ?? []).filter((c) => c !== connection);
      if (rest.length > 0) this.byKey.set(key, rest);
      else this.byKey.delete(key);
    }
    this.keysOf.delete(connection.id);
  }

  all(): C[] {
    return [...this.byIdMap.values()];
  }

  get size(): number {
    return this.byIdMap.size;
  }

  private index(address: TransportAddress, connection: C): void {
    const key = addressKey(address);
    let keys = this.keysOf.get(connection.id);
    if (!keys) {
      keys = new Set();
      this.keysOf.set(connection.id, keys);
    }
    if (keys.has(key)) return;
    keys.add(key);
    const list = this.byKey.get(key) ?? [];
    list.push(connection);
    this.byKey.set(key, list);
  }
}
