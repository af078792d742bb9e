import { afterEach } from 'vitest';
import type { CallInfo } from '../../shared/ipc';
import { Communicator, type CallsOptions } from '../../main/engine';
import { tempDir } from './temp-dir';

const engines: Communicator[] = [];

/** A started engine on 127.0.0.1 with a fresh data folder, stopped after the test. */
export async function startEngine(user: string, calls: CallsOptions = {}): Promise<Communicator> {
  const e = new Communicator({ dataDir: tempDir(), listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user, features: { calls } });
  engines.push(e);
  await e.start();
  return e;
}

/** Resolves with the first `calls:changed` for which `done` holds. */
export function waitCall(e: Communicator, done: (c: CallInfo) => boolean, timeoutMs = 8000): Promise<CallInfo> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('call state not reached')), timeoutMs);
    const off = e.events.on('calls:changed', (c) => {
      if (done(c)) {
        clearTimeout(timer);
        off();
        resolve(c);
      }
    });
  });
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});
