import { z } from 'zod';
import { contactUriSchema, displayNameSchema } from './contacts';
import { event, request } from './define';

/** An account as the UI sees it. The password is write-only: only whether one is set comes back. */
export interface AccountInfo {
  id: number;
  /** Address of record, `sip:user@domain`. */
  aor: string;
  displayName: string;
  /** Digest user name; empty means the AOR's user part. */
  username: string;
  /** Outbound proxy / registrar, `sip:host[:port][;transport=tcp]`. */
  proxy?: string;
  /** Registration interval asked for, seconds; absent means the registrar's default. */
  expires?: number;
  enabled: boolean;
  hasPassword: boolean;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export const accountIdSchema = z.number().int().positive();
/** RFC 3261 §25.1 user: the characters a digest user name may carry without escaping. */
export const digestUsernameSchema = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]*$/, 'is not a SIP user name');
export const proxyUriSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^(sips?:)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(;[^\s<>"]*)?$/, 'is not a proxy address (sip:host[:port])');
export const passwordSchema = z.string().min(1).max(256);
/** RFC 3261 §10.2.1.1: an interval the user asks for; the registrar may shorten it. */
export const registrationExpiresSchema = z.number().int().min(60).max(86_400);

export const newAccountSchema = z
  .object({
    aor: contactUriSchema,
    displayName: displayNameSchema.optional(),
    username: digestUsernameSchema.optional(),
    password: passwordSchema.optional(),
    proxy: proxyUriSchema.optional(),
    expires: registrationExpiresSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type NewAccount = z.infer<typeof newAccountSchema>;

/** A change names only what changes; `null` clears the password, proxy or expires. */
export const accountPatchSchema = z
  .object({
    id: accountIdSchema,
    displayName: displayNameSchema.optional(),
    username: digestUsernameSchema.optional(),
    password: passwordSchema.nullable().optional(),
    proxy: proxyUriSchema.nullable().optional(),
    expires: registrationExpiresSchema.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type AccountPatch = z.infer<typeof accountPatchSchema>;

export const accountsRequests = {
  list: request<AccountInfo[]>()('accounts:list', z.undefined()),
  add: request<AccountInfo>()('accounts:add', newAccountSchema),
  update: request<AccountInfo>()('accounts:update', accountPatchSchema),
  remove: request<{ removed: boolean }>()('accounts:remove', z.object({ id: accountIdSchema }).strict()),
};

export const accountsEvents = {
  /** The whole list after any change; registrations follow at the next engine start. */
  changed: event<AccountInfo[]>()('accounts:changed'),
};
