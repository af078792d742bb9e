import { describe, expect, it } from 'vitest';
import { applyAnswer, createAnswer, createOffer, isUnchangedRemote, parseSdp, reusableKeys } from '../../main/sdp';
import { alice, aliceSession, bob, bobSession } from './sides';

function originLine(sdp: string): string {
  return sdp.split('\r\n')[1] ?? '';
}

describe('sdp: re-offers and session versions (RFC 3264 §8)', () => {
  it('bumps the o= version once per changed offer and keeps it for an unchanged one', () => {
    const first = createOffer(aliceSession(), alice('best-effort', ['opus']));
    expect(originLine(first.sdp)).toBe('o=alice 1001 1 IN IP4 192.0.2.10');
    const refresh = createOffer(first.session, alice('best-effort', ['opus']));
    expect(refresh.sdp).toBe(first.sdp);
    const hold = createOffer(refresh.session, alice('best-effort', ['opus'], { direction: 'sendonly' }));
    expect(originLine(hold.sdp)).toBe('o=alice 1001 2 IN IP4 192.0.2.10');
    expect(hold.sdp).toContain('a=sendonly\r\n');
    // Only the version and the direction differ; the keys are the same ones.
    expect(hold.sdp.replace('a=sendonly', 'a=sendrecv').replace(originLine(hold.sdp), originLine(first.sdp))).toBe(first.sdp);
    const resume = createOffer(hold.session, alice('best-effort', ['opus']));
    expect(originLine(resume.sdp)).toBe('o=alice 1001 3 IN IP4 192.0.2.10');
    expect(resume.sdp).toContain('a=sendrecv\r\n');
  });

  it('moves the connection address without touching o= but its version', () => {
    const first = createOffer(aliceSession(), alice('off', ['pcmu']));
    const moved = createOffer(first.session, alice('off', ['pcmu'], { address: '203.0.113.77', port: 41000 }));
    expect(originLine(moved.sdp)).toBe('o=alice 1001 2 IN IP4 192.0.2.10');
    expect(moved.sdp).toContain('c=IN IP4 203.0.113.77\r\n');
    expect(moved.sdp).toContain('m=audio 41000 RTP/AVP 0 101\r\n');
    const answer = createAnswer(bobSession(), moved.sdp, bob('off'));
    expect(answer.negotiated.audio.remote.rtp).toEqual({ address: '203.0.113.77', port: 41000 });
  });

  it('answers and later offers share one version sequence', () => {
    const offer = createOffer(aliceSession(), alice('off'));
    const answer = createAnswer(bobSession(), offer.sdp, bob('off'));
    expect(originLine(answer.sdp)).toBe('o=bob 2002 1 IN IP4 198.51.100.20');
    const again = createAnswer(answer.session, offer.sdp, bob('off'));
    expect(originLine(again.sdp)).toBe('o=bob 2002 1 IN IP4 198.51.100.20');
    const bobHolds = createOffer(again.session, bob('off', undefined, { direction: 'sendonly' }));
    expect(originLine(bobHolds.sdp)).toBe('o=bob 2002 2 IN IP4 198.51.100.20');
  });

  it('holds and resumes a call with a=sendonly / a=sendrecv (RFC 3264 §8.4)', () => {
    const first = createOffer(aliceSession(), alice('mandatory', ['opus']));
    const firstAnswer = createAnswer(bobSession(), first.sdp, bob('mandatory'));
    applyAnswer(first.description, firstAnswer.sdp);

    const hold = createOffer(first.session, alice('mandatory', ['opus'], { direction: 'sendonly' }));
    const holdAnswer = createAnswer(firstAnswer.session, hold.sdp, bob('mandatory'));
    expect(holdAnswer.sdp).toContain('a=recvonly\r\n');
    expect(holdAnswer.negotiated.audio.direction).toBe('recvonly');
    expect(applyAnswer(hold.description, holdAnswer.sdp).audio.direction).toBe('sendonly');

    const resume = createOffer(hold.session, alice('mandatory', ['opus']));
    const resumeAnswer = createAnswer(holdAnswer.session, resume.sdp, bob('mandatory'));
    expect(resumeAnswer.negotiated.audio.direction).toBe('sendrecv');
    expect(applyAnswer(resume.description, resumeAnswer.sdp).audio.direction).toBe('sendrecv');
    expect(originLine(resumeAnswer.sdp)).toBe('o=bob 2002 3 IN IP4 198.51.100.20');
  });

  it('keeps the SRTP keys across a hold re-offer when both sides reuse their negotiated ones', () => {
    const first = createOffer(aliceSession(), { address: '192.0.2.10', port: 40000, srtp: 'mandatory' });
    const firstAnswer = createAnswer(bobSession(), first.sdp, { address: '198.51.100.20', port: 50000, srtp: 'mandatory' });
    const a = applyAnswer(first.description, firstAnswer.sdp).audio;
    const b = firstAnswer.negotiated.audio;
    const hold = createOffer(first.session, { address: '192.0.2.10', port: 40000, srtp: 'mandatory', direction: 'sendonly', keys: reusableKeys(a.security) });
    const holdAnswer = createAnswer(firstAnswer.session, hold.sdp, { address: '198.51.100.20', port: 50000, srtp: 'mandatory', keys: reusableKeys(b.security) });
    const a2 = applyAnswer(hold.description, holdAnswer.sdp).audio;
    expect(a2.security).toEqual(a.security);
    expect(holdAnswer.negotiated.audio.security).toEqual(b.security);
    expect(reusableKeys({ kind: 'none' })).toEqual({});
  });

  it('both sides on hold: inactive', () => {
    const hold = createOffer(aliceSession(), alice('off', ['pcmu'], { direction: 'sendonly' }));
    const answer = createAnswer(bobSession(), hold.sdp, bob('off', undefined, { direction: 'sendonly' }));
    expect(answer.negotiated.audio.direction).toBe('inactive');
    expect(applyAnswer(hold.description, answer.sdp).audio.direction).toBe('inactive');
  });

  it('recognises an unchanged remote SDP by its o= line', () => {
    const first = createOffer(aliceSession(), alice('off'));
    const o1 = parseSdp(first.sdp).origin;
    expect(isUnchangedRemote(undefined, o1)).toBe(false);
    expect(isUnchangedRemote(o1, parseSdp(createOffer(first.session, alice('off')).sdp).origin)).toBe(true);
    expect(isUnchangedRemote(o1, parseSdp(createOffer(first.session, alice('off', undefined, { direction: 'inactive' })).sdp).origin)).toBe(false);
  });

  it('writes versions past 2^53 exactly', () => {
    const big = { ...aliceSession(), origin: { ...aliceSession().origin, sessionVersion: 3_917_248_123_456_789_012n } };
    const first = createOffer(big, alice('off'));
    expect(originLine(first.sdp)).toBe('o=alice 1001 3917248123456789012 IN IP4 192.0.2.10');
    const next = createOffer(first.session, alice('off', undefined, { direction: 'sendonly' }));
    expect(parseSdp(next.sdp).origin.sessionVersion).toBe(3_917_248_123_456_789_013n);
  });
});
