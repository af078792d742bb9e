import { z } from 'zod';
import { sipTargetSchema } from './sip-uri';

/**
 * Endpoint services (RFC 5638 §3): what happens to an incoming call the user does not take.
 * Kept in the settings; each group is stored and changed as a whole.
 */
export const voicemailSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Answer with voicemail after this many seconds of ringing; 0 never does on no answer. */
    noAnswerSeconds: z.number().int().min(0).max(300),
    /** Take the call when the user is at their limit of calls at once. */
    whenBusy: z.boolean(),
    /** The longest message, in seconds. */
    maxSeconds: z.number().int().min(5).max(600),
    /** Stop after this many seconds of silence from the caller. */
    silenceSeconds: z.number().int().min(2).max(60),
  })
  .strict();

/** RFC 5638 §3.1: forwarding is a 302 redirect by the endpoint; null turns a rule off. */
export const forwardingSettingsSchema = z
  .object({
    always: sipTargetSchema.nullable(),
    busy: sipTargetSchema.nullable(),
    noAnswer: sipTargetSchema.nullable(),
    noAnswerSeconds: z.number().int().min(1).max(300),
  })
  .strict();

/** Do not disturb: refuse with 486 Busy Here, or send the caller straight to voicemail. */
export const dndSettingsSchema = z
  .object({
    enabled: z.boolean(),
    action: z.enum(['busy', 'voicemail']),
  })
  .strict();

/**
 * One account's own rules (keyed by its AOR, `sip:user@domain`); a group it leaves out follows
 * the global one.
 */
export const accountServicesSchema = z
  .object({
    voicemail: voicemailSettingsSchema.optional(),
    forwarding: forwardingSettingsSchema.optional(),
    dnd: dndSettingsSchema.optional(),
  })
  .strict();

export const accountServicesMapSchema = z
  .record(z.string().regex(/^sips?:[^\s@<>"]+@[^\s@<>"]+$/, 'is not an account address (sip:user@domain)').max(512), accountServicesSchema)
  .refine((m) => Object.keys(m).length <= 32, 'at most 32 accounts have their own rules');

export type VoicemailSettings = z.infer<typeof voicemailSettingsSchema>;
export type AccountServices = z.infer<typeof accountServicesSchema>;
export type ForwardingSettings = z.infer<typeof forwardingSettingsSchema>;
export type DndSettings = z.infer<typeof dndSettingsSchema>;

export const defaultVoicemailSettings: VoicemailSettings = { enabled: false, noAnswerSeconds: 20, whenBusy: true, maxSeconds: 120, silenceSeconds: 10 };
export const defaultForwardingSettings: ForwardingSettings = { always: null, busy: null, noAnswer: null, noAnswerSeconds: 20 };
export const defaultDndSettings: DndSettings = { enabled: false, action: 'busy' };
