import { randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import { hashOf, isSupported, type DigestAlgorithm } from './algorithm';
import { serializeChallenge } from './challenge';
import { parseCredentials, type DigestCredentials } from './credentials';
import { DigestConfigError } from './errors';
import { baseHa1, computeResponse, type DigestRequest, type UserSecret } from './digest-compute';
import { NonceCounts } from './nonce-counts';
import { NonceIssuer } from './nonce';

/** Finds a user's secret for a realm; undefined for an unknown user. */
export type UserDirectory = (username: string, realm: string) => UserSecret | undefined;

export interface DigestServerOptions {
  readonly realm: string;
  readonly clock: Clock;
  readonly users: UserDirectory;
  /** Offered in this order, most preferred first (RFC 8760 §2.3). Default SHA-256 then MD5. */
  readonly algorithms?: readonly DigestAlgorithm[];
  /** Offered qop values. Default auth. */
  readonly qop?: readonly ('auth' | 'auth-int')[];
  /** How long a nonce is good for, in ms. Default 5 minutes. */
  readonly nonceLifetimeMs?: number;
  /** Key for the nonce HMAC; random per server by default, so nonces die with the process. */
  readonly secret?: Uint8Array;
  /** A proxy challenges with 407 / Proxy-Authenticate (RFC 3261 §22.3). */
  readonly proxy?: boolean;
  /** Require the digest uri to equal the Request-URI, compared as strings (RFC 7616 §3.4.6). Default true. */
  readonly checkUri?: boolean;
  readonly maxTrackedNonces?: number;
  readonly randomBytes?: (n: number) => Uint8Array;
}

export type RejectReason =
  | 'missing'
  | 'malformed'
  | 'unsupported-algorithm'
  | 'uri-mismatch'
  | 'bad-nonce'
  | 'unknown-user'
  | 'wrong-response'
  | 'stale'
  | 'replay';

/** A challenge to send: the status and the header values, one per algorithm. */
export interface ChallengeToSend {
  readonly status: 401 | 407;
  readonly headerName: 'WWW-Authenticate' | 'Proxy-Authenticate';
  readonly values: readonly string[];
}

export type VerifyResult =
  | { readonly ok: true; readonly username: string; readonly realm: string }
  | { readonly ok: false; readonly reason: RejectReason; readonly challenge: ChallengeToSend };

const DEFAULT_LIFETIME_MS = 5 * 60_000;

/** The UAS / proxy side of digest authentication (RFC 3261 §22.1, §22.3; RFC 7616; RFC 8760 §2.3). */
export class DigestServer {
  private readonly nonces: NonceIssuer;
  private readonly counts: NonceCounts;
  private readonly opaque: string;
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly qop: readonly ('auth' | 'auth-int')[];
  private readonly lifetime: number;

  constructor(private readonly options: DigestServerOptions) {
    const random = options.randomBytes ?? nodeRandomBytes;
    this.nonces = new NonceIssuer(options.secret ?? random(32), options.realm, random);
    this.counts = new NonceCounts(options.maxTrackedNonces);
    this.opaque = Buffer.from(random(12)).toString('base64url');
    // RFC 8760 §2.3: never two challenges with the same realm and algorithm.
    const wanted: readonly DigestAlgorithm[] = options.algorithms ?? ['SHA-256', 'MD5'];
    this.algorithms = [...new Set(wanted)].filter(isSupported);
    if (this.algorithms.length === 0) throw new DigestConfigError('none of the configured digest algorithms can be computed here');
    this.qop = options.qop ?? ['auth'];
    this.lifetime = options.nonceLifetimeMs ?? DEFAULT_LIFETIME_MS;
  }

  /** A fresh challenge. RFC 8760 §2.3: one header value per algorithm, in order of preference. */
  challenge(stale = false): ChallengeToSend {
    const nonce = this.nonces.issue(this.options.clock.now());
    const values = this.algorithms.map((algorithm) =>
      serializeChallenge({ realm: this.options.realm, nonce, opaque: this.opaque, algorithm, qop: this.qop, stale }),
    );
    return this.options.proxy
      ? { status: 407, headerName: 'Proxy-Authenticate', values }
      : { status: 401, headerName: 'WWW-Authenticate', values };
  }

  /** Checks the Authorization (or Proxy-Authorization) values of a request. */
  verify(values: string | readonly string[], request: DigestRequest): VerifyResult {
    const list = typeof values === 'string' ? [values] : values;
    let creds: DigestCredentials | undefined;
    for (const v of list) {
      const parsed = parseCredentials(v);
      if (!parsed.ok) return this.reject('malformed');
      creds ??= parsed.value.find((c) => c.realm === this.options.realm);
    }
    if (!creds) return this.reject('missing');
    const algorithm = creds.algorithmName === undefined ? 'MD5' : creds.algorithm;
    if (!algorithm || !this.algorithms.includes(algorithm)) return this.reject('unsupported-algorithm');
    // RFC 7616 §3.4: opaque comes back unchanged; our challenges always carry qop, so it is required.
    if (creds.opaque !== this.opaque) return this.reject('malformed');
    const qop = creds.qop;
    if (qop !== 'auth' && qop !== 'auth-int') return this.reject('malformed');
    if (!this.qop.includes(qop) || creds.nc === undefined || creds.cnonce === undefined) return this.reject('malformed');
    if ((this.options.checkUri ?? true) && creds.uri !== request.uri) return this.reject('uri-mismatch');
    const nonce = this.nonces.check(creds.nonce);
    if (!nonce.authentic) return this.reject('bad-nonce');
    const secret = this.options.users(creds.username, this.options.realm);
    const ha1 = secret && baseHa1(hashOf(algorithm), creds.username, this.options.realm, secret);
    if (ha1 === undefined) return this.reject('unknown-user');
    const expected = computeResponse({
      algorithm,
      ha1,
      nonce: creds.nonce,
      // RFC 7616 §3.4.6: the digest covers the uri parameter as the client wrote it.
      request: { method: request.method, uri: creds.uri, ...(request.body !== undefined ? { body: request.body } : {}) },
      qop,
      nc: creds.nc,
      cnonce: creds.cnonce,
    });
    if (!sameHex(expected, creds.response)) return this.reject('wrong-response');
    const now = this.options.clock.now();
    this.counts.prune(now - this.lifetime);
    // RFC 7616 §3.3: stale=true when the digest is right but the nonce has expired.
    if (nonce.issuedAt > now || now - nonce.issuedAt > this.lifetime) return this.reject('stale');
    const count = this.counts.use(creds.nonce, nonce.issuedAt, creds.nc);
    if (count === 'replay') return this.reject('replay');
    if (count === 'forgotten') return this.reject('stale');
    return { ok: true, username: creds.username, realm: this.options.realm };
  }

  private reject(reason: RejectReason): VerifyResult {
    return { ok: false, reason, challenge: this.challenge(reason === 'stale') };
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}
