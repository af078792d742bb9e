/**
 * DTMF as RFC 4733 telephone events: a sender that paces start, update and end packets on an
 * injected Clock, and a receiver that reports each digit once with its duration.
 */
export { DtmfDigitError } from './errors';
export { DtmfSender, type DtmfSenderOptions, type DtmfStream } from './dtmf-sender';
export { DtmfReceiver, type DtmfDigitEvent, type DtmfPacket } from './dtmf-receiver';
