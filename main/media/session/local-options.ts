import type { LocalMediaOptions } from '../../sdp';
import type { MediaSessionOptions } from './media-session-options';

/** What main/sdp needs to offer or answer for us, from our settings, ports and hold state. */
export function localMediaOptions(o: MediaSessionOptions, ports: { rtp: number; rtcp: number }, holding: boolean, dtlsSetup?: 'active' | 'passive'): LocalMediaOptions {
  return {
    address: o.advertisedAddress ?? o.bindHost,
    port: ports.rtp,
    rtcpPort: ports.rtcp, // RFC 3605: announced when RTCP is not muxed, as it need not be port + 1
    rtcpMux: o.rtcpMux ?? true,
    ...(o.codecs && { codecs: o.codecs }),
    ...(o.opus && { opus: o.opus }),
    telephoneEvent: true,
    direction: holding ? 'sendonly' : 'sendrecv', // RFC 3264 §8.4
    srtp: o.srtp ?? 'best-effort',
    ...(o.srtpSuites && { srtpSuites: o.srtpSuites }),
    ...(o.dtlsCertificate && { fingerprint: o.dtlsCertificate.fingerprint }),
    ...(dtlsSetup && { dtlsSetup }),
  };
}
