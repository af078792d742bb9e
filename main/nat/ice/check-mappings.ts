/** A werift protocol as far as connectivity checks go: one STUN transaction to an address. */
interface CheckingProtocol {
  request: (message: never, addr: readonly [string, number], ...rest: never[]) => Promise<[{ getAttributeValue(name: string): unknown }, unknown]>;
}

/**
 * The mapped addresses our connectivity checks learned (RFC 8445 §7.2.5.3.2): a check's success
 * response carries XOR-MAPPED-ADDRESS, and the valid pair's local candidate is the candidate with
 * that address (the server-reflexive one behind a NAT, a peer-reflexive one behind a symmetric
 * NAT), not the host candidate the check was sent from. werift keeps only the latter, so each
 * protocol's transactions are watched here, keyed by the address they went to.
 */
export class CheckMappings {
  private readonly seen = new WeakMap<object, Map<string, { address: string; port: number }>>();

  watch(protocol: CheckingProtocol): void {
    const original = protocol.request.bind(protocol);
    const mapped = new Map<string, { address: string; port: number }>();
    this.seen.set(protocol, mapped);
    protocol.request = async (message, addr, ...rest) => {
      const result = await original(message, addr, ...rest);
      const value = result[0].getAttributeValue('XOR-MAPPED-ADDRESS');
      if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number') mapped.set(key(addr), { address: value[0], port: value[1] });
      return result;
    };
  }

  /** The address `protocol` was seen from by the last successful transaction to `remote`. */
  mappedFor(protocol: object, remote: readonly [string, number]): { address: string; port: number } | undefined {
    return this.seen.get(protocol)?.get(key(remote));
  }
}

function key(addr: readonly [string, number]): string {
  return `${addr[0]}|${addr[1]}`;
}
