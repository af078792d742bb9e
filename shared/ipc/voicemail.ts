import { z } from 'zod';
import { event, request } from './define';

/** One voicemail the endpoint recorded (RFC 5638 §3: the service lives in the endpoint). */
export interface VoicemailEntry {
  id: number;
  /** The caller's address and display name. */
  caller: string;
  callerName?: string;
  /** The account (AOR) that was called, when the call came in for one. */
  account?: string;
  /** Whom the call came through before it reached us (Diversion, RFC 5806; History-Info, RFC 7044). */
  forwardedFrom?: string;
  /** Milliseconds since the epoch when recording started. */
  receivedAt: number;
  /** Length of the recorded message. */
  durationMs: number;
  heard: boolean;
}

/** The audio of one voicemail, ready for an <audio> element: a 16-bit mono WAV as base64. */
export interface VoicemailAudio {
  id: number;
  mimeType: 'audio/wav';
  /** The WAV file's bytes, base64-encoded. */
  wavBase64: string;
  sampleRate: number;
  durationMs: number;
}

/** A voicemail was marked heard/unheard (`entry` present) or deleted (`entry` absent). */
export interface VoicemailChange {
  id: number;
  entry?: VoicemailEntry;
  /** Unheard voicemails after this change, for a badge. */
  unheard: number;
}

export interface VoicemailPage {
  /** Newest first. */
  entries: VoicemailEntry[];
  unheard: number;
}

export const MAX_VOICEMAIL_PAGE = 500;
/** A greeting WAV up to this many bytes (about 60 s of 48 kHz 16-bit mono). */
export const MAX_GREETING_BYTES = 6 * 1024 * 1024;

const id = z.object({ id: z.number().int().positive() }).strict();

/** An absolute path ending in .wav (the desktop app fills it from a save dialog). */
export const wavPathSchema = z
  .string()
  .min(5)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]).*\.wav$/i, 'is not an absolute path to a .wav file')
  .refine((p) => !p.includes('\0'), 'contains a NUL character');

export const voicemailRequests = {
  list: request<VoicemailPage>()(
    'voicemail:list',
    z
      .object({ unheardOnly: z.boolean().optional(), limit: z.number().int().min(1).max(MAX_VOICEMAIL_PAGE).optional() })
      .strict()
      .optional(),
  ),
  /** The message as WAV bytes; playing does not mark it heard (the UI calls markHeard when it has played). */
  play: request<VoicemailAudio>()('voicemail:play', id),
  markHeard: request<VoicemailEntry>()('voicemail:mark-heard', z.object({ id: z.number().int().positive(), heard: z.boolean().optional() }).strict()),
  delete: request<{ deleted: boolean }>()('voicemail:delete', id),
  /** Writes the message as a 16-bit mono WAV file at `path`. */
  exportWav: request<{ path: string; bytes: number }>()('voicemail:export', z.object({ id: z.number().int().positive(), path: wavPathSchema }).strict()),
  /** Sets the user's own greeting (a WAV file's bytes, base64) or, with null, goes back to the built-in one. */
  setGreeting: request<{ custom: boolean }>()(
    'voicemail:set-greeting',
    z
      .object({
        wavBase64: z
          .string()
          .max(Math.ceil(MAX_GREETING_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64')
          .nullable(),
      })
      .strict(),
  ),
};

export const voicemailEvents = {
  /** A new message, already committed to the store. */
  new: event<VoicemailEntry>()('voicemail:new'),
  changed: event<VoicemailChange>()('voicemail:changed'),
};
