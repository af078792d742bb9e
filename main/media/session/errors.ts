/** Base of the media session's named errors. */
export class MediaSessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaSessionError';
  }
}

/**
 * DTLS-SRTP was asked for. FIXME(rfc5764 §4): the DTLS handshake on the media port, key export
 * and fingerprint checks are not built yet; use SDES (mandatory or best-effort) meanwhile.
 */
export class DtlsSrtpUnsupportedError extends MediaSessionError {
  constructor() {
    super('DTLS-SRTP is not supported yet; use srtp mandatory or best-effort (SDES)');
    this.name = 'DtlsSrtpUnsupportedError';
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
