import type { DndSettings, ForwardingSettings, Settings, VoicemailSettings } from '../../../shared/ipc';
import { parseUri, type Uri } from '../../sip/message';

/** The rules that apply to one incoming call. */
export interface ServiceRules {
  voicemail: VoicemailSettings;
  forwarding: ForwardingSettings;
  dnd: DndSettings;
  /** The account whose own rules apply, when one has them. */
  account?: string;
}

/**
 * The rules for a call to `called` (the To URI: the address the caller dialled, RFC 3261
 * §8.2.2.1): an account's own groups where it has them, the global ones otherwise. An
 * account matches on user and host, and on port when its AOR names one.
 */
export function rulesFor(settings: Pick<Settings, 'voicemail' | 'forwarding' | 'dnd' | 'accountServices'>, called: Uri): ServiceRules {
  const global = { voicemail: settings.voicemail, forwarding: settings.forwarding, dnd: settings.dnd };
  for (const [aor, own] of Object.entries(settings.accountServices)) {
    const r = parseUri(aor);
    if (!r.ok || !sameAccount(r.value, called)) continue;
    return { voicemail: own.voicemail ?? global.voicemail, forwarding: own.forwarding ?? global.forwarding, dnd: own.dnd ?? global.dnd, account: aor };
  }
  return global;
}

function sameAccount(aor: Uri, called: Uri): boolean {
  if (aor.user === undefined || aor.user !== called.user) return false;
  if (aor.host.toLowerCase() !== called.host.toLowerCase()) return false;
  return aor.port === undefined || aor.port === (called.port ?? (called.scheme === 'sips' ? 5061 : 5060));
}
