import { describe, expect, it } from 'vitest';
import { ConnectionTable, type TableConnection } from '../../../main/sip/transport/connection-table';

function conn(id: number, host: string, port: number): TableConnection & { closed: boolean } {
  return { id, transport: 'tcp', remote: { host, port }, closed: false };
}

describe('ConnectionTable', () => {
  it('finds the newest open connection by transport and remote address', () => {
    const table = new ConnectionTable<ReturnType<typeof conn>>();
    const a = conn(1, '127.0.0.1', 5000);
    const b = conn(2, '127.0.0.1', 5000);
    table.add(a);
    table.add(b);
    expect(table.find({ transport: 'tcp', host: '127.0.0.1', port: 5000 })).toBe(b);
    expect(table.find({ transport: 'tls', host: '127.0.0.1', port: 5000 })).toBeUndefined();
    b.closed = true;
    expect(table.find({ transport: 'tcp', host: '127.0.0.1', port: 5000 })).toBe(a);
  });

  it('treats IPv6 spellings and IPv4-mapped addresses as the same host', () => {
    const table = new ConnectionTable<ReturnType<typeof conn>>();
    const v6 = conn(1, '::1', 7000);
    const v4 = conn(2, '::ffff:127.0.0.1', 7001);
    table.add(v6);
    table.add(v4);
    expect(table.find({ transport: 'tcp', host: '[0:0:0:0:0:0:0:1]', port: 7000 })).toBe(v6);
    expect(table.find({ transport: 'tcp', host: '127.0.0.1', port: 7001 })).toBe(v4);
  });

  it('finds by alias and forgets every key on remove', () => {
    const table = new ConnectionTable<ReturnType<typeof conn>>();
    const a = conn(1, '127.0.0.1', 40000);
    table.add(a);
    table.alias({ transport: 'tcp', host: 'alice.example', port: 5060 }, a);
    expect(table.find({ transport: 'tcp', host: 'alice.example', port: 5060 })).toBe(a);
    expect(table.byId(1)).toBe(a);
    table.remove(a);
    expect(table.find({ transport: 'tcp', host: 'alice.example', port: 5060 })).toBeUndefined();
    expect(table.find({ transport: 'tcp', host: '127.0.0.1', port: 40000 })).toBeUndefined();
    expect(table.size).toBe(0);
  });
});
