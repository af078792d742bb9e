import { describe, expect, it } from 'vitest';
import { FlowTokens } from '../../../main/sip/transport/flow-token';

describe('RFC 5626 §5.2 flow tokens', () => {
  const flow = { transport: 'tcp' as const, local: { host: '127.0.0.1', port: 5060 }, remote: { host: '::1', port: 40123 }, connectionId: 7 };

  it('round-trips a flow and is safe in a URI', () => {
    const tokens = new FlowTokens();
    const token = tokens.encode(flow);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(tokens.decode(token)).toEqual(flow);
  });

  it('rejects a token made with another key or altered', () => {
    const token = new FlowTokens().encode(flow);
    expect(new FlowTokens().decode(token)).toBeUndefined();
    const mine = new FlowTokens(Buffer.alloc(20, 1));
    const good = mine.encode(flow);
    const bad = good.slice(0, -2) + (good.endsWith('A') ? 'B' : 'A') + good.slice(-1);
    expect(mine.decode(bad)).toBeUndefined();
    expect(mine.decode('not a token!')).toBeUndefined();
    expect(mine.decode('')).toBeUndefined();
  });
});
