import fs from 'node:fs';
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
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-ca': { type: 'string' },
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
  /** Certificate and key for TLS listeners, and the CAs trusted for TLS servers (read from PEM files). */
  tls: TlsIdentity | undefined;
}

export interface TlsIdentity {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
}

const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]{1,64}$/;

export function readCommonFlags(
  values: { data?: string; listen?: string[]; user?: string; json?: boolean; account?: string; password?: string; proxy?: string; 'tls-cert'?: string; 'tls-key'?: string; 'tls-ca'?: string },
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
    tls: readTlsFlags(values, listen),
  };
}

/** RFC 3261 §26.2.1: a TLS listener presents a certificate; clients check servers against trusted CAs. */
function readTlsFlags(values: { 'tls-cert'?: string; 'tls-key'?: string; 'tls-ca'?: string }, listen: ListenSpec[]): TlsIdentity | undefined {
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  const ca = values['tls-ca'];
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (listen.some((l) => l.transport === 'tls') && cert === undefined) {
    throw new UsageError('listening on tls: needs --tls-cert FILE and --tls-key FILE (PEM)');
  }
  if (cert === undefined && ca === undefined) return undefined;
  return {
    ...(cert !== undefined ? { cert: readPem('--tls-cert', cert), key: readPem('--tls-key', key!) } : {}),
    ...(ca !== undefined ? { ca: readPem('--tls-ca', ca) } : {}),
  };
}

function readPem(flag: string, file: string): Buffer {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`${flag}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!data.includes('-----BEGIN ')) throw new UsageError(`${flag}: ${file} is not a PEM file`);
  return data;
}
