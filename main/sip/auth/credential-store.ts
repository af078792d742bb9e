import type { UserSecret } from './digest-compute';

/** What the client answers a realm's challenge with. */
export interface ClientCredential {
  readonly username: string;
  readonly secret: UserSecret;
}

/** Where the client finds credentials, keyed by realm (RFC 3261 §22.1: the realm names the protection space). */
export interface CredentialStore {
  lookup(realm: string): ClientCredential | undefined;
}

/** An in-memory store; a fallback entry answers realms not set one by one (an account's one password). */
export class MemoryCredentialStore implements CredentialStore {
  private readonly byRealm = new Map<string, ClientCredential>();
  private fallback: ClientCredential | undefined;

  set(realm: string, credential: ClientCredential): this {
    this.byRealm.set(realm, credential);
    return this;
  }

  setFallback(credential: ClientCredential | undefined): this {
    this.fallback = credential;
    return this;
  }

  delete(realm: string): void {
    this.byRealm.delete(realm);
  }

  lookup(realm: string): ClientCredential | undefined {
    return this.byRealm.get(realm) ?? this.fallback;
  }
}
