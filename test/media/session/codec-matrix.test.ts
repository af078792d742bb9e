import { describe, expect, it } from 'vitest';
import { dominantFrequency, toneDbfs } from '../../../main/media/audio';
import type { CodecName, SrtpMode } from '../../../main/sdp';
import { callPair, expectTone, sleep } from './call-pair';

const CODECS: CodecName[] = ['opus', 'g722', 'pcmu', 'pcma'];
const MODES: SrtpMode[] = ['off', 'best-effort', 'mandatory'];

describe('MediaSession: two calls on 127.0.0.1 for every codec and SRTP mode', () => {
  for (const codec of CODECS) {
    for (const srtp of MODES) {
      it(`${codec} with SRTP ${srtp}: each side hears the other's tone`, async () => {
        const { a, b } = await callPair({ codecs: [codec], srtp });
        expect(a.session.negotiated?.sendCodec.name).toBe(codec);
        expect(a.session.negotiated?.security.kind).toBe(srtp === 'off' ? 'none' : 'sdes');
        await sleep(1000);
        const path = a.session.mediaPath();
        expect(path.rtpReceived && path.rtpSent).toBe(true);
        expect(path.remoteLatched).toEqual({ address: '127.0.0.1', port: b.session.localAddress.port });
        expect(path.sinceLastReceivedMs).toBeLessThan(100);
        // A plays 440 Hz and B 1000 Hz: what each received is the other's tone
        expectTone(a.received.tail(500), 1000, { dominantFrequency, toneDbfs });
        expectTone(b.received.tail(500), 440, { dominantFrequency, toneDbfs });
        const qa = a.session.quality();
        expect(qa.packetsSent).toBeGreaterThan(35);
        expect(qa.packetsReceived).toBeGreaterThan(35);
        expect(qa.srtp).toBe(srtp !== 'off');
        expect(qa.srtpFailures).toBe(0);
        expect(qa.lossPercent).toBe(0);
        expect(qa.mos).toBeGreaterThan(4);
      });
    }
  }
});
