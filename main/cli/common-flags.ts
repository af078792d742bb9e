import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseListenSpec, type ListenSpec } from '../engine';
import { defaultDataDir } from './data-dir';
import { UsageError } from './usage-error';

/** Identity flags every command takes (DESIGN "The headless twin"). */
export const commonOptions = {
  data: { type: 'string' },
  listen: { type: 'string', multiple: true },
  user: { type: 'string' },
  account: { type: 'string' },
  password: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export interface CommonFlags {
  dataDir: string;
  listen: ListenSpec[];
  user: string | undefined;
  json: boolean;
}

const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]{1,64}$/;

export function readCommonFlags(values: { data?: string; listen?: string[]; user?: string; json?: boolean }, defaultListen: string[]): CommonFlags {
  const listen = (values.listen && values.listen.length > 0 ? values.listen : defaultListen).map((text) => {
    const spec = parseListenSpec(text);
    if (typeof spec === 'string') throw new UsageError(spec);
    return spec;
  });
  if (values.user !== undefined && !USER_RE.test(values.user)) {
    throw new UsageError(`--user "${values.user}" is not a valid SIP user name (letters, digits and -_.!~*'() only)`);
  }
  return {
    dataDir: path.resolve(values.data ?? defaultDataDir()),
    listen,
    user: values.user,
    json: values.json ?? false,
  };
}
