/** A message/cpim body (RFC 3862) that cannot be read. */
export class CpimParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CpimParseError';
  }
}

/** An application/im-iscomposing+xml body (RFC 3994) that cannot be read. */
export class IsComposingParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IsComposingParseError';
  }
}

/** A URI given to the chat service that is not a SIP address. */
export class ChatAddressError extends Error {
  constructor(readonly uri: string) {
    super(`"${uri.slice(0, 80)}" is not a SIP address; use sip:user@host[:port]`);
    this.name = 'ChatAddressError';
  }
}
