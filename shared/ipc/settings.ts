import { z } from 'zod';
import { event, request } from './define';
import { defaultNatSettings, natSettingsPatchSchema, natSettingsSchema } from './nat-settings';
import { accountServicesMapSchema, defaultDndSettings, defaultForwardingSettings, defaultVoicemailSettings, dndSettingsSchema, forwardingSettingsSchema, voicemailSettingsSchema } from './services-settings';

export const themeSchema = z.enum(['system', 'light', 'dark']);
export const srtpModeSchema = z.enum(['mandatory', 'best-effort', 'off', 'dtls']);

/** The user's audio devices by the browser's deviceId; '' is the system default. */
export const audioDevicesSchema = z.strictObject({
  microphone: z.string().max(256),
  speaker: z.string().max(256),
  /** Where incoming calls ring (setSinkId), often the loudspeaker while calls use a headset. */
  ringer: z.string().max(256),
});
export type AudioDevices = z.infer<typeof audioDevicesSchema>;

/** User preferences that are not tied to one account. */
export const settingsSchema = z.object({
  displayName: z.string().max(64),
  theme: themeSchema,
  startAtLogin: z.boolean(),
  /** RFC 3711/4568/5764: how calls are encrypted. */
  srtpMode: srtpModeSchema,
  /** ICE, STUN and TURN for calls (nat-settings.ts); no server is contacted by default. */
  nat: natSettingsSchema,
  autoUpdate: z.boolean(),
  /** Endpoint services (RFC 5638 §3), see services-settings.ts. */
  voicemail: voicemailSettingsSchema,
  forwarding: forwardingSettingsSchema,
  dnd: dndSettingsSchema,
  /** Per-account overrides of the three groups above, by AOR. */
  accountServices: accountServicesMapSchema,
  audioDevices: audioDevicesSchema,
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  displayName: '',
  theme: 'system',
  startAtLogin: false,
  srtpMode: 'best-effort',
  nat: defaultNatSettings,
  autoUpdate: true,
  voicemail: defaultVoicemailSettings,
  forwarding: defaultForwardingSettings,
  dnd: defaultDndSettings,
  accountServices: {},
  audioDevices: { microphone: '', speaker: '', ringer: '' },
};

/**
 * A change names only the fields it changes; unknown fields are refused. The NAT group takes
 * its own patch (the TURN password is written here and never read back).
 */
export const settingsPatchSchema = settingsSchema.omit({ nat: true }).partial().extend({ nat: natSettingsPatchSchema.optional() }).strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsRequests = {
  get: request<Settings>()('settings:get', z.undefined()),
  update: request<Settings>()('settings:update', settingsPatchSchema),
};

export const settingsEvents = {
  changed: event<Settings>()('settings:changed'),
};
