import dgram from 'node:dgram';
import net from 'node:net';
import type { ListeningAddress } from '../../shared/ipc';
import type { ListenSpec } from './listen-spec';

export interface BoundListener {
  address: ListeningAddress;
  close(): Promise<void>;
}

/** Binds each listen address; on any failure, closes what was bound and rethrows. */
export async function bindListeners(specs: ListenSpec[]): Promise<BoundListener[]> {
  const bound: BoundListener[] = [];
  try {
    for (const spec of specs) bound.push(spec.transport === 'udp' ? await bindUdp(spec) : await bindStream(spec));
    return bound;
  } catch (err) {
    await Promise.allSettled(bound.map((b) => b.close()));
    throw err;
  }
}

function bindUdp(spec: ListenSpec): Promise<BoundListener> {
  const socket = dgram.createSocket({ type: spec.host.includes(':') ? 'udp6' : 'udp4' });
  return new Promise((resolve, reject) => {
    socket.once('error', (err) => reject(new Error(`Cannot listen on udp ${spec.host}:${spec.port}: ${err.message}`)));
    socket.bind(spec.port, spec.host, () => {
      const a = socket.address();
      resolve({
        address: { transport: 'udp', host: a.address, port: a.port },
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}

function bindStream(spec: ListenSpec): Promise<BoundListener> {
  const server = net.createServer((c) => c.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`Cannot listen on ${spec.transport} ${spec.host}:${spec.port}: ${err.message}`)));
    server.listen(spec.port, spec.host, () => {
      const a = server.address() as net.AddressInfo;
      resolve({
        address: { transport: spec.transport, host: a.address, port: a.port },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
