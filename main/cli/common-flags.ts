import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseAccount, parseListenSpec, type AccountConfig, type ListenSpec } from '../engine';
import { defaultDataDir } from './data-dir';
import { UsageError } from './usage-error';

/** Identity flags every command takes (DESIGN "The headless twin"). */
export const commonOptions = {
  data: { type: 'string' },
  listen: { type: 'string', multiple: true },
  user: { type: 'string' },
  account: { type: 'string' },
  password: { type: 'string' },
  proxy: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export interface CommonFlags {
  dataDir: string;
  listen: ListenSpec[];
  /** The account given by --account/--password/--proxy, if any. */
  accounts: AccountConfig[];
  user: string | undefined;
  json: boolean;
}

const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]{1,64}$/;

export function readCommonFlags(
  values: { data?: string; listen?: string[]; user?: string; json?: boolean; account?: string; password?: string; proxy?: string },
  defaultListen: string[],
): CommonFlags {
  const listen = (values.listen && values.listen.length > 0 ? values.listen : defaultListen).map((text) => {
    const spec = parseListenSpec(text);
    if (typeof spec === 'string') throw new UsageError(spec);
    return spec;
  });
  if (values.user !== undefined && !USER_RE.test(values.user)) {
    throw new UsageError(`--user "${values.user}" is not a valid SIP user name (letters, digits and -_.!~*'() only)`);
  }
  const accounts: AccountConfig[] = [];
  if (values.account !== undefined) {
    const config: AccountConfig = {
      aor: values.account,
      ...(values.password !== undefined ? { password: values.password } : {}),
      ...(values.proxy !== undefined ? { proxy: values.proxy } : {}),
    };
    const parsed = parseAccount(config);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    accounts.push(config);
  } else if (values.password !== undefined || values.proxy !== undefined) {
    throw new UsageError('--password and --proxy need --account sip:user@domain');
  }
  return {
    dataDir: path.resolve(values.data ?? defaultDataDir()),
    listen,
    accounts,
    user: values.user,
    json: values.json ?? false,
  };
}
