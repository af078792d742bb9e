import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore, identityKey, type ClientCredential } from '../../../main/sip/auth';

const cred = (username: string, password = `${username}-pw`): ClientCredential => ({ username, secret: { password } });

describe('MemoryCredentialStore', () => {
  it('answers each identity of one realm with its own credential (RFC 3261 §22)', () => {
    const store = new MemoryCredentialStore()
      .set('pbx.example', cred('100'), '100@pbx.example')
      .set('pbx.example', cred('101'), '101@pbx.example')
      .set('pbx.example', cred('100'));
    expect(store.lookup('pbx.example', '100@pbx.example')?.username).toBe('100');
    expect(store.lookup('pbx.example', '101@pbx.example')?.username).toBe('101');
    // an identity without a credential of its own, and a lookup on no one's behalf, get the realm's entry
    expect(store.lookup('pbx.example', '102@pbx.example')?.username).toBe('100');
    expect(store.lookup('pbx.example')?.username).toBe('100');
    expect(store.lookup('elsewhere.example', '101@pbx.example')).toBeUndefined();
  });

  it('looks up identity entry, realm entry, identity fallback, then the store fallback', () => {
    const store = new MemoryCredentialStore()
      .set('pbx.example', cred('alice'), 'alice@pbx.example')
      .set('pbx.example', cred('realm-user'))
      .setFallback(cred('alice'), 'alice@pbx.example')
      .setFallback(cred('bob'), 'bob@pbx.example')
      .setFallback(cred('anyone'));
    expect(store.lookup('pbx.example', 'alice@pbx.example')?.username).toBe('alice');
    expect(store.lookup('pbx.example', 'bob@pbx.example')?.username).toBe('realm-user');
    // a server whose realm is not its domain ("asterisk") gets the identity's own password
    expect(store.lookup('asterisk', 'bob@pbx.example')?.username).toBe('bob');
    expect(store.lookup('asterisk', 'carol@pbx.example')?.username).toBe('anyone');
    expect(store.lookup('asterisk')?.username).toBe('anyone');
  });

  it('matches identities as SIP compares AORs: host case-insensitive, user case-sensitive, scheme/port/params ignored', () => {
    const store = new MemoryCredentialStore().set('pbx.example', cred('alice'), 'sip:alice@PBX.Example;transport=tcp');
    expect(store.lookup('pbx.example', 'alice@pbx.example')?.username).toBe('alice');
    expect(store.lookup('pbx.example', '"Alice" <sips:alice@pbx.example:5061>')?.username).toBe('alice');
    expect(store.lookup('pbx.example', 'Alice@pbx.example')).toBeUndefined();
    expect(identityKey('sip:[2001:DB8::1]:5060')).toBe('[2001:db8::1]');
    expect(identityKey('bob@Host')).toBe('bob@host');
    expect(identityKey('bob;x@Host;lr')).toBe('bob;x@host');
  });

  it('deletes one identity entry, a realm entry, or everything', () => {
    const store = new MemoryCredentialStore()
      .set('pbx.example', cred('alice'), 'alice@pbx.example')
      .set('pbx.example', cred('bob'), 'bob@pbx.example')
      .set('pbx.example', cred('realm-user'));
    store.delete('pbx.example', 'alice@pbx.example');
    expect(store.lookup('pbx.example', 'alice@pbx.example')?.username).toBe('realm-user');
    expect(store.lookup('pbx.example', 'bob@pbx.example')?.username).toBe('bob');
    store.delete('pbx.example');
    expect(store.lookup('pbx.example', 'alice@pbx.example')).toBeUndefined();
    store.setFallback(cred('x')).setFallback(cred('y'), 'bob@pbx.example').clear();
    expect(store.lookup('pbx.example', 'bob@pbx.example')).toBeUndefined();
    expect(store.lookup('other')).toBeUndefined();
  });
});
