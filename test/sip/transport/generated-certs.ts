import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A certificate and its key, as PEM text and as files. */
export interface PemPair {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
}

/** A throw-away PKI made with openssl for one test run. */
export interface TestPki {
  /** The CA's certificate (trust anchor). */
  ca: string;
  caPath: string;
  /** Signed by the CA for `localhost` and 127.0.0.1 (server and client use). */
  server: PemPair;
  /** Self-signed for the same names: a client that trusts only the CA must refuse it. */
  rogue: PemPair;
  /** Signed by the CA, but for another name (RFC 5922 §7: the identity does not match). */
  wrongName: PemPair;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function pair(dir: string, name: string): PemPair {
  const certPath = path.join(dir, `${name}.crt`);
  const keyPath = path.join(dir, `${name}.key`);
  return { cert: fs.readFileSync(certPath, 'utf8'), key: fs.readFileSync(keyPath, 'utf8'), certPath, keyPath };
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Makes a CA, a server certificate it signs, a self-signed impostor and a wrong-name certificate in `dir`. */
export function makeTestPki(dir: string): TestPki {
  openssl(dir, ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=LiteSIP Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const signed = (name: string, subject: string, san: string): void => {
    fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n`);
    openssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`]);
  };
  signed('server', '/CN=localhost', 'DNS:localhost,IP:127.0.0.1');
  signed('wrong-name', '/CN=elsewhere.test', 'DNS:elsewhere.test');
  openssl(dir, ['req', '-x509', ...EC, '-keyout', 'rogue.key', '-out', 'rogue.crt', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  const caPath = path.join(dir, 'ca.crt');
  return { ca: fs.readFileSync(caPath, 'utf8'), caPath, server: pair(dir, 'server'), rogue: pair(dir, 'rogue'), wrongName: pair(dir, 'wrong-name') };
}
