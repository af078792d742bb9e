import type { LocalMediaOptions } from './media-options';
import { sipIceOptions } from './ice-attributes';
import type { IceParameters, MediaDescription } from './session-description';
import { addrTypeOf } from './write-sdp';

/** The transport part of our audio m-section: c=, a=rtcp-mux or a=rtcp, ICE. */
export function localTransport(options: LocalMediaOptions, muxRtcp: boolean, withIce: boolean): Pick<MediaDescription, 'connection' | 'rtcpMux' | 'rtcp' | 'ice'> {
  const rtcpPort = options.rtcpPort ?? options.port + 1;
  const ice = withIce ? localIce(options) : undefined;
  return {
    connection: { addrType: addrTypeOf(options.address), address: options.address },
    rtcpMux: muxRtcp,
    // RFC 3605 §2.1: a=rtcp when RTCP does not share the RTP port.
    ...(!muxRtcp && { rtcp: { port: rtcpPort } }),
    ...(ice && { ice }),
  };
}

/** Our ICE attributes, WebRTC-only options removed (RFC 8839 §5). */
function localIce(options: LocalMediaOptions): IceParameters | undefined {
  const ice = options.ice;
  if (!ice) return undefined;
  return {
    ufrag: ice.ufrag,
    pwd: ice.pwd,
    options: sipIceOptions(ice.options ?? []),
    candidates: ice.candidates.filter((c) => !c.address.toLowerCase().endsWith('.local')),
    endOfCandidates: ice.endOfCandidates ?? true,
  };
}
