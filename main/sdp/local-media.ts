import { isIP } from 'node:net';
import { checkIceCredentials, sipIceOptions } from './ice-attributes';
import type { LocalMediaOptions } from './media-options';
import type { Connection, IceParameters, MediaDescription } from './session-description';
import { addrTypeOf } from './write-sdp';

/** Our c=, written at session level (RFC 8866 §5.7); throws RangeError for unusable options. */
export function localConnection(options: LocalMediaOptions): Connection {
  if (isIP(options.address) === 0) throw new RangeError(`media address must be an IP literal, not "${options.address}"`);
  const ports = [options.port, options.rtcpPort ?? 1];
  if (!ports.every((p) => Number.isInteger(p) && p > 0 && p <= 65535)) throw new RangeError('media ports must be 1..65535');
  if (options.ice) checkIceCredentials(options.ice.ufrag, options.ice.pwd);
  return { addrType: addrTypeOf(options.address), address: options.address };
}

/**
 * The transport part of our audio m-section: a=rtcp-mux or a=rtcp, ICE. `offering`: an offer
 * of rtcp-mux names its fallback RTCP port too, as the peer may decline multiplexing.
 */
export function localTransport(options: LocalMediaOptions, muxRtcp: boolean, withIce: boolean, offering = false): Pick<MediaDescription, 'rtcpMux' | 'rtcp' | 'ice'> {
  const rtcpPort = options.rtcpPort ?? options.port + 1;
  const ice = withIce ? localIce(options) : undefined;
  // RFC 5761 §5.1.1: a peer that declines rtcp-mux sends RTCP to a=rtcp, else to the RTP port + 1
  // (RFC 3550 §11), where our socket may not be. A peer without ICE uses c=/m= and a=rtcp, so the
  // port is named when they are our own socket's (a host default candidate), not a relay's.
  const fallback = offering && muxRtcp && rtcpPort !== options.port + 1 && (!ice || isHostDefault(ice, options));
  return {
    rtcpMux: muxRtcp,
    // RFC 3605 §2.1: a=rtcp when RTCP does not share the RTP port.
    ...((!muxRtcp || fallback) && { rtcp: { port: rtcpPort } }),
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

/** Whether c=/m= are a host candidate of ours, i.e. our socket's own address and port. */
function isHostDefault(ice: IceParameters, options: LocalMediaOptions): boolean {
  return ice.candidates.some((c) => c.component === 1 && c.type === 'host' && c.address === options.address && c.port === options.port);
}
