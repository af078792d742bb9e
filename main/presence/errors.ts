/** A PIDF document (RFC 3863) that cannot be read; the last good state is kept. */
export class PidfParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PidfParseError';
  }
}

/** A URI given to the presence service that is not a SIP address. */
export class PresenceAddressError extends Error {
  constructor(readonly uri: string) {
    super(`"${uri.slice(0, 80)}" is not a SIP address; use sip:user@host[:port]`);
    this.name = 'PresenceAddressError';
  }
}

/** No contact has this address. */
export class ContactNotFoundError extends Error {
  constructor(readonly uri: string) {
    super(`No contact ${uri.slice(0, 80)}`);
    this.name = 'ContactNotFoundError';
  }
}
