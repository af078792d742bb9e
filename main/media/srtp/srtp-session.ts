import { SRTP_SUITES, type SrtpSuite, type SrtpSuiteName } from './crypto-suite';
import { CmTransform } from './cm-transform';
import { fail, SrtpConfigError, type SrtpResult } from './errors';
import { GcmTransform } from './gcm-transform';
import { deriveSessionKeys, type SessionKeys } from './key-derivation';
import { RolloverState } from './packet-index';
import { ReplayWindow } from './replay-window';
import { rtpHeaderLength } from './rtp-header-length';
import type { SrtpTransform } from './srtp-transform';

/** RFC 3711 §9.2: a master key protects at most 2^48 SRTP packets. */
export const SRTP_MAX_PACKETS = 2 ** 48;
/** RFC 3711 §9.2: and at most 2^31 SRTCP packets. */
export const SRTCP_MAX_PACKETS = 2 ** 31;

export interface SrtpSessionOptions {
  suite: SrtpSuiteName;
  masterKey: Uint8Array;
  masterSalt: Uint8Array;
  /** RFC 3711 §3.1: the master key identifier carried in every packet (AES-CM suites only). */
  mki?: Uint8Array;
  /** RFC 4568 §6.1: a lifetime (in packets) lower than the RFC 3711 maximum, from SDES. */
  lifetime?: number;
  /** RFC 3711 §3.4: encrypt SRTCP (E flag set). Default true. */
  encryptRtcp?: boolean;
}

interface RtpStream {
  rollover: RolloverState;
  replay: ReplayWindow;
}

interface RtcpStream {
  /** Sender: the next SRTCP index to use. */
  next: number;
  replay: ReplayWindow;
}

/**
 * One direction of SRTP/SRTCP under one master key: protect for what we send, unprotect
 * for what we receive (use two sessions for a call). Each SSRC gets its own crypto context
 * (ROC, replay window, SRTCP index) on its first packet; refusals are values, never thrown.
 */
export class SrtpSession {
  readonly suite: SrtpSuite;
  private readonly transform: SrtpTransform;
  private readonly mki: Buffer;
  private readonly encryptRtcp: boolean;
  private readonly maxSrtp: number;
  private readonly maxSrtcp: number;
  private readonly rtpStreams = new Map<number, RtpStream>();
  private readonly rtcpStreams = new Map<number, RtcpStream>();
  private srtpPackets = 0;
  private srtcpPackets = 0;

  constructor(options: SrtpSessionOptions) {
    this.suite = SRTP_SUITES[options.suite];
    if (!this.suite) throw new SrtpConfigError(`unknown SRTP crypto suite ${String(options.suite)}`);
    this.mki = Buffer.from(options.mki ?? []);
    if (this.mki.length > 0 && this.suite.kind === 'gcm') throw new SrtpConfigError('an MKI is not supported with the AEAD suites');
    this.encryptRtcp = options.encryptRtcp ?? true;
    const lifetime = options.lifetime ?? Infinity;
    this.maxSrtp = Math.min(SRTP_MAX_PACKETS, lifetime);
    this.maxSrtcp = Math.min(SRTCP_MAX_PACKETS, lifetime);
    this.transform = createTransform(this.suite, deriveSessionKeys(this.suite, options.masterKey, options.masterSalt), this.mki);
  }

  /** Number of SSRCs this session holds a context for (RTP and RTCP separately). */
  get streams(): { rtp: number; rtcp: number } {
    return { rtp: this.rtpStreams.size, rtcp: this.rtcpStreams.size };
  }

  /** RFC 3711 §3.3: encrypts the payload and appends MKI and tag. */
  protectRtp(packet: Uint8Array): SrtpResult {
    const headerLength = rtpHeaderLength(packet, packet.length);
    if (headerLength < 0) return fail('malformed', 'not an RTP packet, or its header runs past the end');
    if (this.srtpPackets >= this.maxSrtp) return fail('key-expired', 'the master key reached its SRTP packet lifetime');
    const ssrc = readSsrc(packet);
    let stream = this.rtpStreams.get(ssrc);
    if (!stream) {
      stream = { rollover: new RolloverState(), replay: new ReplayWindow() };
      this.rtpStreams.set(ssrc, stream);
    }
    const index = stream.rollover.indexOf((packet[2]! << 8) | packet[3]!);
    if (index < 0) return fail('too-old', 'sequence number is from before the stream began');
    if (index >= SRTP_MAX_PACKETS) return fail('key-expired', 'the SRTP index space is used up');
    stream.rollover.update(index);
    this.srtpPackets++;
    return { ok: true, packet: this.transform.protectRtp(packet, headerLength, ssrc, index) };
  }

  /** RFC 3711 §3.3: index estimation, replay check, authentication, then decryption. */
  unprotectRtp(packet: Uint8Array): SrtpResult {
    const end = packet.length - this.transform.rtpOverhead;
    const headerLength = rtpHeaderLength(packet, end);
    if (headerLength < 0) return fail('malformed', 'too short for an SRTP packet, or not RTP version 2');
    if (this.srtpPackets >= this.maxSrtp) return fail('key-expired', 'the master key reached its SRTP packet lifetime');
    if (this.mki.length > 0 && !this.mki.equals(packet.subarray(end, end + this.mki.length))) {
      return fail('unknown-mki', 'the packet names a master key this session does not hold');
    }
    const ssrc = readSsrc(packet);
    const known = this.rtpStreams.get(ssrc);
    const stream = known ?? { rollover: new RolloverState(), replay: new ReplayWindow() };
    const index = stream.rollover.indexOf((packet[2]! << 8) | packet[3]!);
    if (index < 0) return fail('too-old', 'sequence number is from before the stream began');
    if (index >= SRTP_MAX_PACKETS) return fail('key-expired', 'the SRTP index space is used up');
    const verdict = stream.replay.check(index);
    if (verdict !== 'new') return fail(verdict, `SRTP index ${index} ${verdict === 'replayed' ? 'was already received' : 'is left of the replay window'}`);
    const plain = this.transform.unprotectRtp(packet, headerLength, ssrc, index);
    if (!plain) return fail('auth-failed', 'SRTP authentication tag does not match');
    // RFC 3711 §3.3.1, §3.3.2: state moves only for authenticated packets
    if (!known) this.rtpStreams.set(ssrc, stream);
    stream.replay.accept(index);
    stream.rollover.update(index);
    this.srtpPackets++;
    return { ok: true, packet: plain };
  }

  /** RFC 3711 §3.4: encrypts (unless configured not to) and appends E||index, MKI and tag. */
  protectRtcp(packet: Uint8Array): SrtpResult {
    if (packet.length < 8 || packet[0]! >>> 6 !== 2) return fail('malformed', 'not an RTCP packet');
    if (this.srtcpPackets >= this.maxSrtcp) return fail('key-expired', 'the master key reached its SRTCP packet lifetime');
    const ssrc = readSsrc4(packet);
    let stream = this.rtcpStreams.get(ssrc);
    if (!stream) {
      stream = { next: 0, replay: new ReplayWindow() };
      this.rtcpStreams.set(ssrc, stream);
    }
    // RFC 3711 §3.4: the index starts at zero and must not wrap under one master key
    if (stream.next >= SRTCP_MAX_PACKETS) return fail('key-expired', 'the SRTCP index space is used up');
    const index = stream.next++;
    this.srtcpPackets++;
    return { ok: true, packet: this.transform.protectRtcp(packet, ssrc, index, this.encryptRtcp) };
  }

  /** RFC 3711 §3.4: reads E||index, checks replay, authenticates, then decrypts when E is set. */
  unprotectRtcp(packet: Uint8Array): SrtpResult {
    const wordAt = this.suite.kind === 'gcm' ? packet.length - 4 : packet.length - this.transform.rtcpTagLength - 4;
    const minimum = 8 + 4 + this.transform.rtcpTagLength;
    if (packet.length < minimum || packet[0]! >>> 6 !== 2) return fail('malformed', 'too short for an SRTCP packet, or not version 2');
    if (this.srtcpPackets >= this.maxSrtcp) return fail('key-expired', 'the master key reached its SRTCP packet lifetime');
    if (this.mki.length > 0 && !this.mki.equals(packet.subarray(wordAt + 4, wordAt + 4 + this.mki.length))) {
      return fail('unknown-mki', 'the packet names a master key this session does not hold');
    }
    const word = ((packet[wordAt]! << 24) | (packet[wordAt + 1]! << 16) | (packet[wordAt + 2]! << 8) | packet[wordAt + 3]!) >>> 0;
    const encrypted = word >= 0x80000000;
    const index = word & 0x7fffffff;
    const ssrc = readSsrc4(packet);
    const known = this.rtcpStreams.get(ssrc);
    const stream = known ?? { next: 0, replay: new ReplayWindow() };
    const verdict = stream.replay.check(index);
    if (verdict !== 'new') return fail(verdict, `SRTCP index ${index} ${verdict === 'replayed' ? 'was already received' : 'is left of the replay window'}`);
    const plain = this.transform.unprotectRtcp(packet, ssrc, index, encrypted);
    if (!plain) return fail('auth-failed', 'SRTCP authentication tag does not match');
    if (!known) this.rtcpStreams.set(ssrc, stream);
    stream.replay.accept(index);
    this.srtcpPackets++;
    return { ok: true, packet: plain };
  }
}

/** The transform of a suite over already-derived session keys (RFC 7714 §16 vectors start here). */
export function createTransform(suite: SrtpSuite, keys: SessionKeys, mki?: Buffer): SrtpTransform {
  return suite.kind === 'gcm' ? new GcmTransform(suite, keys) : new CmTransform(suite, keys, mki);
}

function readSsrc(packet: Uint8Array): number {
  return ((packet[8]! << 24) | (packet[9]! << 16) | (packet[10]! << 8) | packet[11]!) >>> 0;
}

function readSsrc4(packet: Uint8Array): number {
  return ((packet[4]! << 24) | (packet[5]! << 16) | (packet[6]! << 8) | packet[7]!) >>> 0;
}
