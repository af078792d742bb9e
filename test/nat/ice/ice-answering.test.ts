import { describe, expect, it } from 'vitest';
import { dominantFrequency, toneDbfs } from '../../../main/media/audio';
import { parseSdp } from '../../../main/sdp';
import { expectTone, side, sleep, waitUntil, type Side } from '../../media/session/call-pair';

const ICE = { enabled: true } as const;

/** A offers (with or without ICE); B is made knowing the offer it answers, as an incoming call's media is. */
async function answeredCall(offerer: { ice?: typeof ICE }): Promise<{ a: Side; b: Side; answer: string }> {
  const a = await side(440, offerer);
  const offer = a.session.createOffer();
  const b = await side(1000, { ice: ICE, answering: offer });
  const answer = b.session.createAnswer(offer);
  if (!answer.ok) throw new Error(`answer refused: ${answer.status} ${answer.reason}`);
  const applied = a.session.applyAnswer(answer.sdp);
  if (!applied.ok) throw applied.error;
  return { a, b, answer: answer.sdp };
}

function hearsEachOther(a: Side, b: Side): void {
  expectTone(a.received.tail(400), b.tone, { dominantFrequency, toneDbfs });
  expectTone(b.received.tail(400), a.tone, { dominantFrequency, toneDbfs });
}

describe('answering with ICE on, knowing the offer', () => {
  it('an offer without ICE: nothing is gathered, the answer names the session socket, media flows both ways', async () => {
    const { a, b, answer } = await answeredCall({});
    expect(answer).not.toMatch(/a=candidate|a=ice-ufrag/);
    const sdp = parseSdp(answer);
    expect(sdp.connection?.address).toBe('127.0.0.1');
    expect(sdp.media[0]?.port).toBe(b.session.localAddress.port);
    await sleep(1200);
    // no ICE agent at all (not even one in plain mode, which reports 'off')
    expect(b.session.mediaPath().ice).toBeUndefined();
    expect(a.session.mediaPath().remoteLatched).toEqual({ address: '127.0.0.1', port: b.session.localAddress.port });
    expect(b.session.mediaPath().remoteLatched).toEqual(a.session.localAddress);
    hearsEachOther(a, b);
  });

  it('an offer with ICE is still answered with ICE and the pair connects', async () => {
    const { a, b, answer } = await answeredCall({ ice: ICE });
    expect(parseSdp(answer).media[0]?.ice?.candidates.length).toBeGreaterThan(0);
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected' && b.session.mediaPath().ice?.state === 'connected', 5000);
    await sleep(800);
    hearsEachOther(a, b);
  });
});
