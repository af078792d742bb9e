import { describe, expect, it } from 'vitest';
import { CheckMappings } from '../../../main/nat/ice/check-mappings';

/** A protocol whose transactions answer with the given XOR-MAPPED-ADDRESS, or fail. */
function fakeProtocol(answer: (addr: readonly [string, number]) => unknown) {
  return {
    request: async (_message: never, addr: readonly [string, number]): Promise<[{ getAttributeValue(name: string): unknown }, unknown]> => {
      const mapped = answer(addr);
      if (mapped instanceof Error) throw mapped;
      return [{ getAttributeValue: (name: string) => (name === 'XOR-MAPPED-ADDRESS' ? mapped : undefined) }, addr];
    },
  };
}

describe('the mapped address of connectivity checks (RFC 8445 §7.2.5.3.2)', () => {
  it('remembers, per protocol and destination, where the peer saw the last successful check come from', async () => {
    const mappings = new CheckMappings();
    const protocol = fakeProtocol((addr) => (addr[0] === '198.51.100.9' ? ['203.0.113.5', 40000] : addr[1] === 9 ? new Error('timeout') : undefined));
    const other = fakeProtocol(() => ['203.0.113.6', 40001]);
    mappings.watch(protocol);
    mappings.watch(other);
    expect(mappings.mappedFor(protocol, ['198.51.100.9', 5000])).toBeUndefined();
    await protocol.request(undefined as never, ['198.51.100.9', 5000]);
    expect(mappings.mappedFor(protocol, ['198.51.100.9', 5000])).toEqual({ address: '203.0.113.5', port: 40000 });
    // another destination, another protocol: nothing learned there
    expect(mappings.mappedFor(protocol, ['198.51.100.9', 5001])).toBeUndefined();
    expect(mappings.mappedFor(other, ['198.51.100.9', 5000])).toBeUndefined();
    // a response without the attribute records nothing; a failed transaction still fails
    await protocol.request(undefined as never, ['192.0.2.1', 7]);
    expect(mappings.mappedFor(protocol, ['192.0.2.1', 7])).toBeUndefined();
    await expect(protocol.request(undefined as never, ['192.0.2.1', 9])).rejects.toThrow('timeout');
    expect(mappings.mappedFor(protocol, ['192.0.2.1', 9])).toBeUndefined();
  });
});
