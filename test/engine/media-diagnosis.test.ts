import { describe, expect, it } from 'vitest';
import { diagnoseMediaPath } from '../../main/engine/calls/media-diagnosis';
import type { MediaPathFacts } from '../../main/media/session';

const base: MediaPathFacts = {
  local: { address: '10.0.1.2', port: 40000 },
  localRtcp: { address: '10.0.1.2', port: 40001 },
  remoteSignalled: { address: '203.0.113.9', port: 50000 },
  remoteLatched: undefined,
  remoteRtcpLatched: undefined,
  rtcpMux: true,
  direction: 'sendrecv',
  peerLeft: false,
  rtpReceived: true,
  rtpSent: true,
  sinceLastReceivedMs: 20,
  sinceLastSentMs: 20,
} as MediaPathFacts;

describe('media path diagnosis', () => {
  it('says nothing while media flows or in the first seconds', () => {
    expect(diagnoseMediaPath(base, 60_000)).toBeUndefined();
    expect(diagnoseMediaPath({ ...base, rtpReceived: false, sinceLastReceivedMs: undefined }, 1000)).toBeUndefined();
  });

  it('names a one-way path: we send, nothing comes back', () => {
    expect(diagnoseMediaPath({ ...base, rtpReceived: false, sinceLastReceivedMs: undefined }, 6000)).toMatch(/no media from peer.*NAT.*TURN not configured/);
  });

  it('names media that stopped, and nothing either way', () => {
    expect(diagnoseMediaPath({ ...base, sinceLastReceivedMs: 8000 }, 60_000)).toMatch(/stopped 8 s ago/);
    expect(diagnoseMediaPath({ ...base, rtpReceived: false, rtpSent: false, sinceLastReceivedMs: undefined, sinceLastSentMs: undefined }, 6000)).toMatch(/no media either way/);
  });

  it('names a failed ICE check list and whether a TURN relay was there to help', () => {
    const failed = { ...base, rtpReceived: false, sinceLastReceivedMs: undefined, ice: { state: 'failed', turnConfigured: false } } as MediaPathFacts;
    expect(diagnoseMediaPath(failed, 1000)).toMatch(/^no media from peer: ICE found no working path.*TURN not configured$/);
    expect(diagnoseMediaPath({ ...failed, ice: { state: 'failed', turnConfigured: true } }, 1000)).toMatch(/TURN relay did not get through/);
    expect(diagnoseMediaPath({ ...failed, ice: { state: 'checking', turnConfigured: false } }, 11_000)).toMatch(/checks are still running after 11 s; TURN not configured/);
    expect(diagnoseMediaPath({ ...base, ice: { state: 'connected', turnConfigured: false } }, 60_000)).toBeUndefined();
  });

  it('expects nothing on hold', () => {
    expect(diagnoseMediaPath({ ...base, direction: 'sendonly', rtpReceived: false, sinceLastReceivedMs: undefined }, 60_000)).toBeUndefined();
  });
});
