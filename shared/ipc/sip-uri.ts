import { z } from 'zod';

/**
 * A SIP address as a person types it: `sip:`/`sips:` URI, `tel:` or plain phone number, or
 * `user@host` (sip: is added). Checked for shape here; the engine parses it fully.
 */
export const sipTargetSchema = z
  .string()
  .trim()
  .min(3)
  .max(512)
  .regex(
    /^((sips?:)?[^\s@<>"]+@[^\s@<>"]+|sips?:[^\s<>"@]+|tel:\+?[0-9A-Fa-f*#().-]+|\+?[0-9*#][0-9*#(). -]*)$/,
    'is not a SIP address (sip:user@host), tel: or phone number',
  );
