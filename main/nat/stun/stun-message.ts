import type { StunClass } from './message-type';

/** One attribute (RFC 8489 §14): a 16-bit type and its value without padding. */
export interface StunAttribute {
  readonly type: number;
  readonly value: Buffer;
}

/** A STUN message as built for sending (RFC 8489 §5, §14). */
export interface StunMessage {
  readonly method: number;
  readonly messageClass: StunClass;
  /** 12 bytes (RFC 8489 §5). */
  readonly transactionId: Buffer;
  readonly attributes: readonly StunAttribute[];
}

/** An attribute as read from the wire, with where its header starts in the message. */
export interface DecodedAttribute extends StunAttribute {
  readonly offset: number;
}

/** A STUN message as read from the wire. */
export interface DecodedStunMessage extends StunMessage {
  /** The bytes the message was read from, for integrity and fingerprint checks. */
  readonly raw: Buffer;
  /** Attributes in wire order; those after MESSAGE-INTEGRITY are left out (RFC 8489 §14.5). */
  readonly attributes: readonly DecodedAttribute[];
  /** RFC 8489 §6.3: comprehension-required types we do not understand; the caller decides (420 or failure). */
  readonly unknownRequired: readonly number[];
}

/** The first attribute of a type, as the RFC 8489 §14 receiver rule asks (later duplicates are ignored). */
export function findAttribute<A extends StunAttribute>(message: { readonly attributes: readonly A[] }, type: number): A | undefined {
  return message.attributes.find((a) => a.type === type);
}
