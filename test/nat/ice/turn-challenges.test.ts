import { describe, expect, it } from 'vitest';
import { acceptTurnChallenges } from '../../../main/nat/ice/turn-challenges';
import { encodeErrorCode, encodeStunMessage, randomTransactionId, STUN_ATTR, textAttribute, type StunAttribute } from '../../../main/nat/stun';

const CHANNEL_BIND = 0x009;
const ADDR = ['203.0.113.1', 3478] as const;

function response(kind: 'error' | 'success', id: Buffer, attributes: StunAttribute[], integrityKey?: Buffer): Buffer {
  return encodeStunMessage({ method: CHANNEL_BIND, messageClass: kind, transactionId: id, attributes }, { ...(integrityKey && { integrityKey }), fingerprint: true });
}

/** A stand-in for werift's TURN client: its transaction table and its own response handler. */
function fakeClient(id: Buffer) {
  const delivered: { code: number | undefined; nonce: string | undefined }[] = [];
  const passedOn: Buffer[] = [];
  const client = {
    transactions: {
      [id.toString('hex')]: {
        responseReceived: (m: { getAttributeValue(name: string): unknown }) =>
          delivered.push({ code: (m.getAttributeValue('ERROR-CODE') as [number, string] | undefined)?.[0], nonce: String(m.getAttributeValue('NONCE') ?? '') }),
      },
    } as Record<string, unknown>,
    handleSTUNMessage: (data: Buffer, _addr: readonly [string, number]) => void passedOn.push(data),
  };
  acceptTurnChallenges(client);
  return { client, delivered, passedOn };
}

describe('TURN challenges without MESSAGE-INTEGRITY reach the transaction (RFC 8489 §9.2.5, RFC 8656 §7.3)', () => {
  it('a 438 Stale Nonce with its new nonce goes to the waiting ChannelBind, which can retry with it', () => {
    const id = randomTransactionId();
    const { client, delivered, passedOn } = fakeClient(id);
    const stale = response('error', id, [
      { type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(438) },
      textAttribute(STUN_ATTR.REALM, 'litesip.test'),
      textAttribute(STUN_ATTR.NONCE, 'fresh-nonce-1'),
    ]);
    client.handleSTUNMessage(stale, ADDR);
    expect(delivered).toEqual([{ code: 438, nonce: 'fresh-nonce-1' }]);
    expect(passedOn).toEqual([]);
  });

  it('a 401 too; other errors and successes keep the integrity check of the original handler', () => {
    const id = randomTransactionId();
    const { client, delivered, passedOn } = fakeClient(id);
    client.handleSTUNMessage(response('error', id, [{ type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(401) }, textAttribute(STUN_ATTR.NONCE, 'n2')]), ADDR);
    expect(delivered.map((d) => d.code)).toEqual([401]);
    const forbidden = response('error', id, [{ type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(403) }], Buffer.from('key'));
    const ok = response('success', id, [], Buffer.from('key'));
    client.handleSTUNMessage(forbidden, ADDR);
    client.handleSTUNMessage(ok, ADDR);
    expect(passedOn).toEqual([forbidden, ok]);
  });

  it('a challenge for no transaction of ours, or garbage, goes to the original handler untouched', () => {
    const { client, delivered, passedOn } = fakeClient(randomTransactionId());
    const stray = response('error', randomTransactionId(), [{ type: STUN_ATTR.ERROR_CODE, value: encodeErrorCode(438) }]);
    const garbage = Buffer.from('not stun at all, just bytes');
    client.handleSTUNMessage(stray, ADDR);
    client.handleSTUNMessage(garbage, ADDR);
    expect(delivered).toEqual([]);
    expect(passedOn).toEqual([stray, garbage]);
  });

  it('leaves anything that is not a werift TURN client alone', () => {
    expect(() => acceptTurnChallenges(undefined)).not.toThrow();
    expect(() => acceptTurnChallenges({})).not.toThrow();
  });
});
