import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWavFile, toneDbfs } from '../../../main/media/audio';
import { estimateMos } from '../../../main/media/session';
import { tempDir } from '../../helpers/temp-dir';
import { callPair, sleep } from './call-pair';

describe('MediaSession: RTCP and quality', () => {
  for (const rtcpMux of [true, false]) {
    it(`measures RTT from the peer's reports and emits quality and path events (rtcp-mux ${rtcpMux})`, async () => {
      const fast = { rtcpMinIntervalSec: 0.2, qualityIntervalMs: 400 };
      const { a, b } = await callPair({ codecs: ['opus'], srtp: 'mandatory', rtcpMux, a: fast, b: fast });
      expect(a.session.negotiated?.rtcpMux).toBe(rtcpMux);
      await sleep(1500);
      const q = a.session.quality();
      expect(q.rttMs).toBeDefined();
      expect(q.rttMs!).toBeGreaterThanOrEqual(0);
      expect(q.rttMs!).toBeLessThan(100);
      expect(q.remoteLossPercent).toBe(0);
      expect(q.jitterMs).toBeLessThan(30);
      expect(q.mos).toBeGreaterThan(4);
      expect(a.events.quality.length).toBeGreaterThanOrEqual(2);
      const path = a.session.mediaPath();
      expect(path.rtcpMux).toBe(rtcpMux);
      if (!rtcpMux) expect(path.remoteRtcpLatched?.port).toBe(b.session.mediaPath().localRtcp.port);
      expect(a.events.paths.some((p) => p.rtpReceived)).toBe(true);
      // BYE on close (RFC 3550 §6.6) reaches the peer
      await a.session.close();
      await sleep(100);
      expect(b.session.mediaPath().peerLeft).toBe(true);
      expect(b.events.paths.at(-1)?.peerLeft).toBe(true);
    });
  }

  it('estimates MOS by the E-model: high for a clean call, lower with loss and delay', () => {
    expect(estimateMos('pcmu', 40, 0)).toBeCloseTo(4.4, 1);
    expect(estimateMos('pcmu', 40, 5)).toBeLessThan(estimateMos('pcmu', 40, 0));
    expect(estimateMos('opus', 40, 5)).toBeGreaterThan(estimateMos('pcmu', 40, 5));
    expect(estimateMos('pcmu', 400, 0)).toBeLessThan(4);
    expect(estimateMos('pcma', 1000, 50)).toBe(1);
  });
});

describe('MediaSession: recording', () => {
  it('records received audio mixed with sent audio into a WAV file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'call.wav');
    const { a } = await callPair({ codecs: ['g722'], srtp: 'best-effort' });
    a.session.startRecording(file, { includeSent: true });
    await sleep(800);
    a.session.stopRecording();
    const wav = readWavFile(file);
    expect(wav.sampleRate).toBe(48000);
    const tail = wav.samples.subarray(wav.samples.length - 48000 * 0.4);
    // both the peer's 1000 Hz and our own 440 Hz are in it
    expect(toneDbfs(tail, 48000, 1000)).toBeGreaterThan(-21);
    expect(toneDbfs(tail, 48000, 440)).toBeGreaterThan(-21);
  });
});
