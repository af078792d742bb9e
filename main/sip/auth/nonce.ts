import { createHmac, randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';

const TIME_BYTES = 8;
const RANDOM_BYTES = 12;
const MAC_BYTES = 16;

export type NonceCheck = { readonly authentic: false } | { readonly authentic: true; readonly issuedAt: number };

/**
 * Server nonces that need no table (RFC 7616 §3.3: a nonce may embed a time stamp and a
 * private key's hash): base64url(time ‖ random ‖ HMAC-SHA256(secret, time ‖ random ‖ realm)).
 * The time is the injected Clock's (monotonic, process-relative), so a nonce from before a
 * restart reads as not yet issued and is refused as stale even when the secret is kept.
 */
export class NonceIssuer {
  constructor(
    private readonly secret: Uint8Array,
    private readonly realm: string,
    private readonly random: (n: number) => Uint8Array = nodeRandomBytes,
  ) {}

  issue(now: number): string {
    const body = Buffer.alloc(TIME_BYTES + RANDOM_BYTES);
    body.writeBigInt64BE(BigInt(Math.floor(now)), 0);
    Buffer.from(this.random(RANDOM_BYTES)).copy(body, TIME_BYTES);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  check(nonce: string): NonceCheck {
    if (!/^[A-Za-z0-9_-]+$/.test(nonce)) return { authentic: false };
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== TIME_BYTES + RANDOM_BYTES + MAC_BYTES) return { authentic: false };
    const body = raw.subarray(0, TIME_BYTES + RANDOM_BYTES);
    if (!timingSafeEqual(raw.subarray(TIME_BYTES + RANDOM_BYTES), this.mac(body))) return { authentic: false };
    return { authentic: true, issuedAt: Number(body.readBigInt64BE(0)) };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).update(this.realm).digest().subarray(0, MAC_BYTES);
  }
}
