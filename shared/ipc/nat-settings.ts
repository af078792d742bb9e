import { z } from 'zod';

/**
 * NAT traversal for calls: ICE on or off (RFC 8445), the STUN servers (RFC 8489) and one TURN
 * server (RFC 8656). Nothing is contacted unless the user adds a server. The TURN password is
 * write-only: it is sealed in the secret store and settings:get only says whether there is one.
 */

const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)`;
const HOST_PORT = new RegExp(String.raw`^${HOST}(?::(\d{1,5}))?$`);

function portInRange(text: string): boolean {
  const port = HOST_PORT.exec(text)?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** `HOST[:PORT]` (RFC 7064 §3.1 without the scheme); the port defaults to 3478. */
export const stunServerSchema = z
  .string()
  .trim()
  .max(255)
  .refine((s) => HOST_PORT.test(s), 'is not HOST[:PORT], for example stun.example.org:3478')
  .refine(portInRange, 'has a port outside 1–65535');

const TURN_URI = new RegExp(String.raw`^turns?:(${HOST}(?::\d{1,5})?)(?:\?transport=(udp|tcp))?$`, 'i');

/**
 * `turn:HOST[:PORT][?transport=udp|tcp]` (RFC 7065 §3.1). `turns:` (TURN over TLS) is
 * recognised and refused, since calls cannot use it.
 */
export const turnUriSchema = z
  .string()
  .trim()
  .max(300)
  .refine((s) => TURN_URI.test(s), 'is not turn:HOST[:PORT][?transport=udp|tcp], for example turn:turn.example.org:3478')
  .refine((s) => portInRange(TURN_URI.exec(s)?.[1] ?? ''), 'has a port outside 1–65535')
  .refine((s) => !/^turns:/i.test(s), 'uses TURN over TLS (turns:), which is not supported; use turn:HOST:PORT?transport=tcp');

const turnUsernameSchema = z.string().trim().min(1, 'TURN needs a username (RFC 8656 long-term credentials)').max(256);
const turnPasswordSchema = z.string().min(1, 'an empty TURN password cannot be used; send null to remove it').max(256);

const stunListSchema = z
  .array(stunServerSchema)
  .max(8, 'at most 8 STUN servers')
  .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, 'lists the same STUN server twice');

/** The NAT settings as settings:get returns them. */
export const natSettingsSchema = z.strictObject({
  /** Offer and answer ICE; off means plain c=/m= addressing with symmetric RTP only. */
  ice: z.boolean(),
  /** Calls gather server-reflexive candidates from the first one. */
  stunServers: stunListSchema,
  turn: z
    .strictObject({
      uri: turnUriSchema,
      username: turnUsernameSchema,
      /** A password is sealed in the secret store (it is never returned). */
      hasPassword: z.boolean(),
    })
    .optional(),
});
export type NatSettings = z.infer<typeof natSettingsSchema>;

/** The NAT settings as the settings table keeps them: no password, not even whether there is one. */
export const storedNatSettingsSchema = natSettingsSchema.extend({
  turn: z.strictObject({ uri: turnUriSchema, username: turnUsernameSchema }).optional(),
});
export type StoredNatSettings = z.infer<typeof storedNatSettingsSchema>;

/**
 * A change to the NAT settings names only what changes. `turn: null` removes the TURN server
 * and its password; a `turn` without `password` keeps the saved password, `password: null`
 * removes it.
 */
export const natSettingsPatchSchema = z.strictObject({
  ice: z.boolean().optional(),
  stunServers: stunListSchema.optional(),
  turn: z
    .strictObject({
      uri: turnUriSchema,
      username: turnUsernameSchema,
      password: turnPasswordSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type NatSettingsPatch = z.infer<typeof natSettingsPatchSchema>;

export const defaultNatSettings: NatSettings = { ice: true, stunServers: [] };

/** The secrets key under which the TURN password is sealed. */
export const TURN_PASSWORD_SECRET = 'settings:nat:turn-password';

/** The NAT settings after a change, as settings:get will show them (for views that keep a copy). */
export function applyNatPatch(current: NatSettings, patch: NatSettingsPatch): NatSettings {
  const next: NatSettings = { ice: patch.ice ?? current.ice, stunServers: patch.stunServers ?? current.stunServers };
  if (patch.turn === undefined) return current.turn ? { ...next, turn: current.turn } : next;
  if (patch.turn === null) return next;
  const { password, ...server } = patch.turn;
  const hasPassword = password === undefined ? (current.turn?.hasPassword ?? false) : password !== null;
  return { ...next, turn: { ...server, hasPassword } };
}
