import { describe, expect, it } from 'vitest';
import { mediaOptions, readNatFlags } from '../../../main/cli/media-flags';
import { UsageError } from '../../../main/cli/usage-error';

describe('litesip run/call: --ice, --stun, --turn, --turn-user, --turn-password', () => {
  it('by default nothing: ICE on with host candidates, no server', () => {
    expect(readNatFlags({})).toEqual({});
    expect(mediaOptions({}, {})).toEqual({});
  });

  it('reads servers and ICE into the calls options', () => {
    const flags = readNatFlags({ ice: 'on', stun: '203.0.113.1:3478', turn: 'turn:203.0.113.1:3478?transport=tcp', 'turn-user': 'alice', 'turn-password': 'secret' });
    expect(mediaOptions(flags, {})).toEqual({
      ice: true,
      natServers: { stun: { host: '203.0.113.1', port: 3478 }, turn: { host: '203.0.113.1', port: 3478, transport: 'tcp', username: 'alice', password: 'secret' } },
    });
    expect(readNatFlags({ ice: 'off' })).toEqual({ ice: false });
  });

  it('refuses bad values as usage errors naming the flag', () => {
    expect(() => readNatFlags({ ice: 'maybe' })).toThrow(/--ice "maybe" is neither on nor off/);
    expect(() => readNatFlags({ stun: 'stun:host:0' })).toThrow(/^--stun: .*out of range/);
    expect(() => readNatFlags({ turn: 'turn:203.0.113.1' })).toThrow(/^--turn: .*username and a password/);
    expect(() => readNatFlags({ 'turn-user': 'alice' })).toThrow(/go with --turn/);
    expect(() => readNatFlags({ ice: 'x' })).toThrow(UsageError);
  });
});
