import { describe, expect, it } from 'vitest';
import { answerDirection, createOffer, type Direction } from '../../main/sdp';
import { alice, aliceSession } from './sides';

describe('sdp: answered direction (RFC 3264 §6.1) combined with our hold state', () => {
  // [offered, ours, answered]
  const table: [Direction, Direction, Direction][] = [
    ['sendrecv', 'sendrecv', 'sendrecv'],
    ['sendonly', 'sendrecv', 'recvonly'],
    ['recvonly', 'sendrecv', 'sendonly'],
    ['inactive', 'sendrecv', 'inactive'],
    ['sendrecv', 'sendonly', 'sendonly'],
    ['sendonly', 'sendonly', 'inactive'],
    ['recvonly', 'sendonly', 'sendonly'],
    ['sendrecv', 'recvonly', 'recvonly'],
    ['recvonly', 'recvonly', 'inactive'],
    ['sendrecv', 'inactive', 'inactive'],
  ];
  for (const [offered, ours, answered] of table) {
    it(`${offered} offered, we want ${ours}: ${answered}`, () => {
      expect(answerDirection(offered, ours)).toBe(answered);
    });
  }
});

describe('sdp: our own options are checked', () => {
  it('refuses a host name, port 0 and short ICE credentials', () => {
    expect(() => createOffer(aliceSession(), alice('off', undefined, { address: 'alice.example.org' }))).toThrow('media address must be an IP literal, not "alice.example.org"');
    expect(() => createOffer(aliceSession(), alice('off', undefined, { port: 0 }))).toThrow('media ports must be 1..65535');
    expect(() => createOffer(aliceSession(), alice('off', undefined, { ice: { ufrag: 'ab', pwd: 'x', candidates: [] } }))).toThrow('SDP: bad ice-ufrag');
  });

  it('refuses a key of the wrong size for its suite', () => {
    const keys = { AES_CM_128_HMAC_SHA1_80: Buffer.alloc(16) };
    expect(() => createOffer(aliceSession(), alice('mandatory', undefined, { keys }))).toThrow('key material for AES_CM_128_HMAC_SHA1_80 must be 30 bytes, got 16');
  });
});
