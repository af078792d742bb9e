import { describe, expect, it } from 'vitest';
import { openStore, SettingsRepository } from '../../main/store';
import { storedCallNat, effectiveNat } from '../../main/engine/nat-settings';
import { TURN_PASSWORD_SECRET } from '../../shared/ipc';
import { tempDir } from '../helpers/temp-dir';

describe('NAT settings in the store', () => {
  it('takes the STUN servers of the older stunServers setting until the NAT group is saved', () => {
    const store = openStore(tempDir());
    store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('stunServers', JSON.stringify(['stun.example.org:3478']));
    expect(store.settings.load().nat).toEqual({ ice: true, stunServers: ['stun.example.org:3478'] });
    expect(store.settings.save({ nat: { ice: false } }).nat).toEqual({ ice: false, stunServers: ['stun.example.org:3478'] });
    store.db.prepare("UPDATE settings SET value = '{\"ice\":\"maybe\"}' WHERE key = 'nat'").run();
    // a damaged group falls back to what can still be read, never to an error
    expect(store.settings.load().nat).toEqual({ ice: true, stunServers: ['stun.example.org:3478'] });
    store.close();
  });

  it('writes the password only with the server, and removes both together', () => {
    const store = openStore(tempDir());
    store.settings.save({ nat: { turn: { uri: 'turn:198.51.100.1', username: 'u', password: 'p1' } } });
    expect(store.secrets.get(TURN_PASSWORD_SECRET)).toBe('p1');
    store.settings.save({ nat: { turn: { uri: 'turn:198.51.100.1', username: 'u', password: null } } });
    expect(store.secrets.get(TURN_PASSWORD_SECRET)).toBeUndefined();
    expect(store.settings.load().nat.turn).toEqual({ uri: 'turn:198.51.100.1', username: 'u', hasPassword: false });
    store.settings.save({ nat: { turn: { uri: 'turn:198.51.100.1', username: 'u', password: 'p2' } } });
    store.settings.save({ nat: { turn: null } });
    expect(store.secrets.get(TURN_PASSWORD_SECRET)).toBeUndefined();
    expect(store.settings.load().nat.turn).toBeUndefined();
    // without a secret store nothing is written in the clear
    expect(() => new SettingsRepository(store.db).save({ nat: { turn: { uri: 'turn:198.51.100.1', username: 'u', password: 'p3' } } })).toThrow(/no secret store/);
    expect(store.settings.load().nat.turn).toBeUndefined();
    store.close();
  });

  it('gives each call the first STUN server and the TURN server with its password; flags win one by one', () => {
    const store = openStore(tempDir());
    expect(storedCallNat(store)).toEqual({ ice: true });
    store.settings.save({ nat: { stunServers: ['192.0.2.1', 'stun.example.org:3479'], turn: { uri: 'turn:[2001:db8::1]:3480?transport=tcp', username: 'u' } } });
    expect(storedCallNat(store)).toEqual({ ice: true, servers: { stun: { host: '192.0.2.1', port: 3478 } }, problem: expect.stringMatching(/has no password/) });
    store.settings.save({ nat: { turn: { uri: 'turn:[2001:db8::1]:3480?transport=tcp', username: 'u', password: 'pw' } } });
    const stored = storedCallNat(store);
    expect(stored).toEqual({
      ice: true,
      servers: { stun: { host: '192.0.2.1', port: 3478 }, turn: { host: '2001:db8::1', port: 3480, transport: 'tcp', username: 'u', password: 'pw' } },
    });
    expect(effectiveNat(stored, { ice: false, natServers: { stun: { host: '203.0.113.5', port: 3478 } } })).toEqual({
      ice: false,
      servers: { stun: { host: '203.0.113.5', port: 3478 }, turn: stored.servers!.turn },
    });
    expect(effectiveNat(undefined, {})).toEqual({ ice: true });
    store.close();
  });
});
