import type { UserSecret } from './digest-compute';

/** What the client answers a realm's challenge with. */
export interface ClientCredential {
  readonly username: string;
  readonly secret: UserSecret;
}

/**
 * Where the client finds credentials. RFC 3261 §22.1: the realm names the protection space;
 * §22.2: the credentials belong to the identity sending the request (its From AOR, `user@host`),
 * so two users of one realm each answer with their own. `identity` is optional for lookups
 * that are not on anyone's behalf.
 */
export interface CredentialStore {
  lookup(realm: string, identity?: string): ClientCredential | undefined;
}

/**
 * The key for an identity: `user@host` with the host lower-cased (RFC 3261 §19.1.4: the user
 * part compares case-sensitively, the host does not). A leading `sip:`/`sips:`, a port and
 * URI parameters are dropped, so an AOR's text gives the same key as its parts.
 */
export function identityKey(identity: string): string {
  let s = identity.trim();
  const angle = /<([^>]*)>/.exec(s);
  if (angle) s = angle[1]!;
  s = s.replace(/^sips?:/i, '');
  const at = s.lastIndexOf('@');
  const user = at >= 0 ? s.slice(0, at + 1) : '';
  // parameters and headers follow the host, so a (decoded) user part keeps its ';' and '?'
  let host = (at >= 0 ? s.slice(at + 1) : s).split(/[;?]/)[0]!;
  host = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return `${user}${host.toLowerCase()}`;
}

/**
 * An in-memory store. Lookup order for a request sent as `identity` to `realm`:
 * the identity's credential for that realm, the realm's own entry, the identity's fallback
 * (its one password, for a server whose realm is not its domain), then the store's fallback.
 */
export class MemoryCredentialStore implements CredentialStore {
  private readonly byRealm = new Map<string, ClientCredential>();
  private readonly byIdentity = new Map<string, Map<string, ClientCredential>>();
  private readonly identityFallbacks = new Map<string, ClientCredential>();
  private fallback: ClientCredential | undefined;

  /** Sets the realm's credential; with `identity`, only for requests sent as that identity. */
  set(realm: string, credential: ClientCredential, identity?: string): this {
    if (identity === undefined) {
      this.byRealm.set(realm, credential);
      return this;
    }
    const key = identityKey(identity);
    const realms = this.byIdentity.get(key) ?? new Map<string, ClientCredential>();
    realms.set(realm, credential);
    this.byIdentity.set(key, realms);
    return this;
  }

  /** Sets the credential for realms not set one by one; with `identity`, only for that identity's requests. */
  setFallback(credential: ClientCredential | undefined, identity?: string): this {
    if (identity === undefined) this.fallback = credential;
    else if (credential === undefined) this.identityFallbacks.delete(identityKey(identity));
    else this.identityFallbacks.set(identityKey(identity), credential);
    return this;
  }

  /** Removes the realm's entry; with `identity`, only that identity's entry for the realm. */
  delete(realm: string, identity?: string): void {
    if (identity === undefined) {
      this.byRealm.delete(realm);
      return;
    }
    const key = identityKey(identity);
    const realms = this.byIdentity.get(key);
    realms?.delete(realm);
    if (realms?.size === 0) this.byIdentity.delete(key);
  }

  /** Removes every entry and fallback. */
  clear(): void {
    this.byRealm.clear();
    this.byIdentity.clear();
    this.identityFallbacks.clear();
    this.fallback = undefined;
  }

  lookup(realm: string, identity?: string): ClientCredential | undefined {
    const key = identity === undefined ? undefined : identityKey(identity);
    return (
      (key !== undefined ? this.byIdentity.get(key)?.get(realm) : undefined) ??
      this.byRealm.get(realm) ??
      (key !== undefined ? this.identityFallbacks.get(key) : undefined) ??
      this.fallback
    );
  }
}
