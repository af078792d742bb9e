/**
 * RTP and RTCP packets: RFC 3550 (RTP header, compound RTCP, reception statistics, RTCP
 * timing), RFC 4733 (telephone-event payload), RFC 5761 and RFC 7983 (demultiplexing).
 * Pure functions and small state holders; no sockets. Parse faults are values.
 */
export { RtpParseError, type RtpFaultReason, type RtpResult } from './errors';
export { parseRtpPacket, serializeRtpPacket, RTP_HEADER_LENGTH, type RtpPacket, type RtpHeaderExtension } from './rtp-packet';
export { randomRtpBases, cryptoRandomWord, RtpStamper, type RtpBases, type RtpStamp, type RandomWords } from './rtp-stamper';
export {
  RTCP_TYPE,
  SDES_ITEM,
  type RtcpPacket,
  type SenderReport,
  type ReceiverReport,
  type SourceDescription,
  type Goodbye,
  type AppDefined,
  type OtherRtcp,
  type ReportBlock,
  type SenderInfo,
  type SdesChunk,
  type SdesItem,
} from './rtcp-types';
export { parseRtcpCompound, type RtcpParseOptions } from './rtcp-parse';
export { serializeRtcpPacket, serializeRtcpCompound } from './rtcp-serialize';
export { ReceptionStats, roundTripTime, MAX_DROPOUT, MAX_MISORDER, MIN_SEQUENTIAL, type ReceptionOptions } from './reception-stats';
export { ntpFromUnixMs, ntpMiddle, NTP_UNIX_OFFSET, type NtpTime } from './ntp-time';
export { rtcpInterval, updateAvgRtcpSize, RTCP_MIN_TIME, COMPENSATION, type RtcpIntervalInput } from './rtcp-interval';
export { RtcpScheduler, LOWER_LAYER_OVERHEAD, BYE_IMMEDIATE_MEMBERS, type RtcpSchedulerOptions } from './rtcp-scheduler';
export { parseTelephoneEvent, serializeTelephoneEvent, dtmfEventCode, dtmfDigit, TELEPHONE_EVENT_LENGTH, type TelephoneEvent } from './telephone-event';
export { classifyMediaPacket, isRtcpPacketType, isMuxSafePayloadType, type MediaPacketKind } from './demux';
export { buildCompoundReport, SenderStats, MAX_REPORT_BLOCKS, type CompoundReportInput } from './compound-report';
