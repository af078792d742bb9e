import { formatAddress, type TransportAddress } from './transport-address';

/** Every failure the transport reports is a TransportError with a stable code (STYLE rule 5). */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/** A listen address could not be bound. */
export class ListenError extends TransportError {
  constructor(readonly address: TransportAddress, cause: unknown) {
    super('listen-failed', `Cannot listen on ${formatAddress(address)}: ${reason(cause)}`, { cause });
    this.name = 'ListenError';
  }
}

/** A TCP or TLS connection could not be opened. */
export class ConnectError extends TransportError {
  constructor(readonly address: TransportAddress, cause: unknown) {
    super('connect-failed', `Cannot connect to ${formatAddress(address)}: ${reason(cause)}`, { cause });
    this.name = 'ConnectError';
  }
}

/** The peer's certificate chain did not verify against the configured CA list. */
export class TlsCertificateError extends TransportError {
  constructor(readonly address: TransportAddress, cause: unknown) {
    super('tls-certificate', `TLS certificate of ${formatAddress(address)} rejected: ${reason(cause)}`, { cause });
    this.name = 'TlsCertificateError';
  }
}

/** RFC 5922 §7: the certificate verifies but does not name the server we meant to reach. */
export class TlsIdentityError extends TransportError {
  constructor(
    readonly expected: string,
    readonly presented: readonly string[],
  ) {
    const names = presented.length > 0 ? presented.join(', ') : 'no usable identity';
    super('tls-identity', `TLS server identity mismatch: expected ${expected}, certificate names ${names} (RFC 5922 §7)`);
    this.name = 'TlsIdentityError';
  }
}

/** A message could not be written (socket closed, write error, no transport for it). */
export class SendError extends TransportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('send-failed', message, options);
    this.name = 'SendError';
  }
}

/** No listener of the needed transport (or address family) exists. */
export class NoTransportError extends TransportError {
  constructor(readonly address: TransportAddress) {
    super('no-transport', `No ${address.transport} listener can reach ${formatAddress(address)}`);
    this.name = 'NoTransportError';
  }
}

/** The transport layer was closed; nothing more is sent. */
export class TransportClosedError extends TransportError {
  constructor() {
    super('closed', 'The transport layer is closed');
    this.name = 'TransportClosedError';
  }
}

/** A stream broke framing or size limits; the connection is closed (RFC 3261 §18.3). */
export class StreamFramingError extends TransportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('framing', message, options);
    this.name = 'StreamFramingError';
  }
}

/** RFC 5626 §4.4.1: no pong within the timeout, so the flow is treated as failed. */
export class FlowFailedError extends TransportError {
  constructor(message: string) {
    super('flow-failed', message);
    this.name = 'FlowFailedError';
  }
}

/** A flow token that was not made by this transport layer or was altered (RFC 5626 §5.2). */
export class InvalidFlowTokenError extends TransportError {
  constructor() {
    super('invalid-flow-token', 'The flow token is not valid');
    this.name = 'InvalidFlowTokenError';
  }
}

export function reason(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}
