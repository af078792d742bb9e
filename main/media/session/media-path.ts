import type { NegotiatedMedia } from '../../sdp';
import type { MediaAddress, MediaPathFacts } from './media-events';
import type { MediaTransport } from './media-transport';

export interface MediaPathInput {
  readonly now: number;
  readonly local: MediaAddress;
  readonly media: NegotiatedMedia | undefined;
  readonly transport: MediaTransport;
  readonly peerLeft: boolean;
  readonly lastReceivedAt: number | undefined;
  readonly lastSentAt: number | undefined;
}

/** The media-path facts of a session at one moment. */
export function mediaPathFacts(i: MediaPathInput): MediaPathFacts {
  const m = i.media;
  return {
    local: i.local,
    localRtcp: { address: i.local.address, port: m?.rtcpMux ? i.transport.rtpSocket.port : i.transport.rtcpSocket.port },
    remoteSignalled: m ? { ...m.remote.rtp } : undefined,
    remoteLatched: i.transport.latchedRtp,
    remoteRtcpLatched: i.transport.latchedRtcp,
    peerLeft: i.peerLeft,
    rtcpMux: m?.rtcpMux ?? false,
    direction: m?.direction,
    rtpReceived: i.lastReceivedAt !== undefined,
    rtpSent: i.lastSentAt !== undefined,
    sinceLastReceivedMs: i.lastReceivedAt === undefined ? undefined : i.now - i.lastReceivedAt,
    sinceLastSentMs: i.lastSentAt === undefined ? undefined : i.now - i.lastSentAt,
  };
}

/** A cheap fingerprint of what onMediaPath reports as a change. */
export function pathKey(p: MediaPathFacts): string {
  const at = (a: MediaAddress | undefined): string => (a ? `${a.address}:${a.port}` : '-');
  const ice = p.ice ? `${p.ice.state} ${p.ice.selected ? `${p.ice.selected.local.type}:${at(p.ice.selected.local)} ${p.ice.selected.remote.type}:${at(p.ice.selected.remote)}` : '-'}` : '-';
  return `${at(p.remoteLatched)} ${at(p.remoteRtcpLatched)} ${at(p.remoteSignalled)} ${p.direction} ${p.rtpReceived} ${p.rtpSent} ${p.rtcpMux} ${p.peerLeft} ${ice}`;
}
