import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/tls');

/** PEM text of a committed test certificate or key (test/fixtures/tls). */
export function pem(name: string): string {
  return fs.readFileSync(path.join(DIR, name), 'utf8');
}

/** Key and certificate of one of the test identities. */
export function identity(name: 'server' | 'wrong-name' | 'wildcard' | 'uri-san' | 'cn-only' | 'self-signed'): { cert: string; key: string } {
  return { cert: pem(`${name}.crt`), key: pem(`${name}.key`) };
}

export const testCa = (): string => pem('ca.crt');
