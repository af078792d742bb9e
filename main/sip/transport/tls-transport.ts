import net from 'node:net';
import tls from 'node:tls';
import type { Clock } from '../../lib/clock';
import { ConnectError, TlsCertificateError, TlsIdentityError } from './errors';
import { StreamListener } from './stream-listener';
import { abortWith } from './tcp-transport';
import { checkSipServerIdentity } from './tls-identity';
import type { HostPort } from './transport-address';

/** Certificates and trust for TLS (RFC 3261 §26.3.1, RFC 5922). PEM text or buffers. */
export interface TlsOptions {
  /** Our certificate chain and key, needed to listen for TLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Trusted CAs for server certificates; Node's bundled roots when absent. */
  ca?: string | Buffer | (string | Buffer)[];
  /** Ask TLS clients for a certificate (mutual TLS); off by default. */
  requestClientCert?: boolean;
}

/** RFC 3261 §18 over TLS: a listener that hands each completed handshake to `onSocket`. */
export function listenTls(host: string, port: number, options: TlsOptions, onSocket: (socket: tls.TLSSocket) => void): Promise<StreamListener> {
  const server = tls.createServer({
    cert: options.cert,
    key: options.key,
    ca: options.ca,
    requestCert: options.requestClientCert ?? false,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  });
  // A failed handshake from a client is its problem; the server carries on.
  server.on('tlsClientError', () => undefined);
  return StreamListener.listen(server, 'tls', host, port, 'secureConnection', (s) => onSocket(s as tls.TLSSocket));
}

export interface TlsConnectOptions {
  clock: Clock;
  timeoutMs: number;
  localAddress?: string;
  signal?: AbortSignal;
  /** The SIP domain we mean to reach (RFC 5922 §7.2); also sent as SNI when it is a name. */
  serverName: string;
  tls: TlsOptions;
}

/** Node's codes for a chain that does not verify against the trusted CAs. */
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|SIGNATURE|ISSUER/;

/** Opens a TLS connection and checks the server's identity; rejects with a named error. */
export function connectTls(remote: HostPort, options: TlsConnectOptions): Promise<tls.TLSSocket> {
  const address = { transport: 'tls' as const, ...remote };
  return new Promise((resolve, reject) => {
    // tls.connect hands localAddress on to net.connect; its typings just omit it.
    const connectOptions: tls.ConnectionOptions & { localAddress?: string } = {
      host: remote.host,
      port: remote.port,
      localAddress: options.localAddress,
      // RFC 6066 §3: SNI carries host names only, never IP literals.
      servername: net.isIP(options.serverName) ? undefined : options.serverName,
      ca: options.tls.ca,
      cert: options.tls.cert,
      key: options.tls.key,
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      // RFC 5922 §7.2 replaces the HTTPS rules (no wildcards, SIP URI SANs, CN only without SAN).
      checkServerIdentity: (_host, cert) => checkSipServerIdentity(options.serverName, cert),
    };
    const socket = tls.connect(connectOptions);
    const timer = options.clock.setTimeout(() => socket.destroy(new Error(`no handshake within ${options.timeoutMs} ms`)), options.timeoutMs);
    const release = abortWith(socket, options.signal);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      release();
      options.clock.clearTimeout(timer);
      if (err instanceof TlsIdentityError) reject(err);
      else if (err.code && CERT_CODES.test(err.code)) reject(new TlsCertificateError(address, err));
      else reject(new ConnectError(address, err));
    });
    socket.once('secureConnect', () => {
      release();
      options.clock.clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}
