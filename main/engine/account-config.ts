import { parseUri, type Uri } from '../sip/message';

/** A SIP account as the engine runs it (the store keeps them; the CLI passes one by flags). */
export interface AccountConfig {
  /** Address of record, e.g. `sip:alice@example.com`. */
  aor: string;
  /** Digest user name when it differs from the AOR's user. */
  username?: string;
  password?: string;
  /** Outbound proxy / registrar address to send everything to, e.g. `sip:10.0.0.1:5060;transport=tcp`. */
  proxy?: string;
  displayName?: string;
  /** Registration interval asked for, in seconds. */
  expires?: number;
}

export interface ParsedAccount {
  config: AccountConfig;
  aor: Uri;
  proxy: Uri | undefined;
}

/** Checks an account's URIs; returns a sentence naming the fault instead of throwing. */
export function parseAccount(config: AccountConfig): ParsedAccount | string {
  const aor = parseUri(config.aor);
  if (!aor.ok || (aor.value.scheme !== 'sip' && aor.value.scheme !== 'sips') || !aor.value.user) {
    return `"${config.aor}" is not an account address; use sip:user@domain`;
  }
  let proxy: Uri | undefined;
  if (config.proxy !== undefined) {
    const p = parseUri(config.proxy.startsWith('sip') ? config.proxy : `sip:${config.proxy}`);
    if (!p.ok || (p.value.scheme !== 'sip' && p.value.scheme !== 'sips')) return `"${config.proxy}" is not a proxy address; use sip:host:port`;
    proxy = p.value;
  }
  return { config, aor: aor.value, proxy };
}
