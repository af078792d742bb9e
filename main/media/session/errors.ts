/** Base of the media session's named errors. */
export class MediaSessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaSessionError';
  }
}

/** DTLS-SRTP gave no keys: the call's media cannot be protected and should end (RFC 5763 §5). */
export class DtlsSrtpError extends MediaSessionError {
  constructor(
    readonly code: 'fingerprint-mismatch' | 'timeout' | 'proof-of-possession' | 'no-srtp-profile' | 'handshake' | 'no-certificate',
    message: string,
  ) {
    super(message);
    this.name = 'DtlsSrtpError';
  }
}

/** RFC 5763 §5: the peer's DTLS certificate does not match the a=fingerprint in its SDP. */
export class DtlsFingerprintMismatchError extends DtlsSrtpError {
  constructor(message: string) {
    super('fingerprint-mismatch', message);
    this.name = 'DtlsFingerprintMismatchError';
  }
}

/** The DTLS handshake did not finish in time (the peer never answered, or its flights were lost). */
export class DtlsHandshakeTimeoutError extends DtlsSrtpError {
  constructor(message: string) {
    super('timeout', message);
    this.name = 'DtlsHandshakeTimeoutError';
  }
}

/** No UDP port could be bound for media (range exhausted, address not local). */
export class MediaBindError extends MediaSessionError {
  constructor(
    readonly host: string,
    detail: string,
  ) {
    super(`cannot bind media sockets on ${host}: ${detail}`);
    this.name = 'MediaBindError';
  }
}

/** A method called at the wrong time: an answer without an offer, anything after close(). */
export class MediaStateError extends MediaSessionError {
  constructor(message: string) {
    super(message);
    this.name = 'MediaStateError';
  }
}

/** Negotiated media this engine cannot run: SRTP keys it cannot use, a codec it cannot build. */
export class MediaSetupError extends MediaSessionError {
  constructor(message: string) {
    super(message);
    this.name = 'MediaSetupError';
  }
}

/** Sending on a media socket failed (the OS refused the datagram). */
export class MediaSendError extends MediaSessionError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaSendError';
  }
}

/** The peer's answer to our offer does not fit it or cannot be read; the call should end (RFC 3264 §6). */
export class MediaAnswerError extends MediaSessionError {
  constructor(
    message: string,
    readonly fault?: Error,
  ) {
    super(message);
    this.name = 'MediaAnswerError';
  }
}
