import { describe, expect, it } from 'vitest';
import { dominantFrequency, toneDbfs } from '../../../main/media/audio';
import { callPair, expectTone, sleep, waitUntil } from '../session/call-pair';

describe('MediaSession: DTLS-SRTP between two sessions', () => {
  it('handshakes on the media port and carries each side\'s tone under SRTP', async () => {
    const { a, b } = await callPair({ codecs: ['pcmu'], srtp: 'dtls' });
    await waitUntil(() => a.session.dtlsStatus.state === 'connected' && b.session.dtlsStatus.state === 'connected', 5000);
    expect(a.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'server' });
    expect(b.session.dtlsStatus).toMatchObject({ state: 'connected', role: 'client' });
    await sleep(700);
    expectTone(a.received.tail(400), 1000, { dominantFrequency, toneDbfs });
    expectTone(b.received.tail(400), 440, { dominantFrequency, toneDbfs });
    expect(a.session.quality()).toMatchObject({ srtp: true, srtpFailures: 0 });
    expect(a.events.errors).toEqual([]);
  });
});
