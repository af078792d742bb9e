import { afterEach } from 'vitest';
import { Communicator, type EngineEvents } from '../../main/engine';
import { tempDir } from '../helpers/temp-dir';

const running: Communicator[] = [];

export interface TestEngine {
  engine: Communicator;
  uri: string;
  dataDir: string;
  events: { name: string; payload: unknown }[];
  /** Resolves with the first event (past or future) named `name` that passes `match`. */
  next<K extends keyof EngineEvents>(name: K, match?: (p: EngineEvents[K]) => boolean, timeoutMs?: number): Promise<EngineEvents[K]>;
  /** Runs a contract request and returns its value, failing the test on an error value. */
  call(channel: string, payload?: unknown): Promise<unknown>;
}

/** An engine on 127.0.0.1 (free ports), with its own data folder unless one is given. */
export async function startEngine(user: string, options: { dataDir?: string; transports?: ('udp' | 'tcp')[]; port?: number } = {}): Promise<TestEngine> {
  const dataDir = options.dataDir ?? tempDir();
  const listen = (options.transports ?? ['udp']).map((transport) => ({ transport, host: '127.0.0.1', port: options.port ?? 0 }));
  const engine = new Communicator({ dataDir, listen, user });
  const events: { name: string; payload: unknown }[] = [];
  const waiters: { name: string; match: (p: never) => boolean; resolve: (p: never) => void }[] = [];
  engine.events.onAny((name, payload) => {
    events.push({ name, payload });
    for (const w of [...waiters]) {
      if (w.name === name && w.match(payload as never)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload as never);
      }
    }
  });
  await engine.start();
  running.push(engine);
  const listening = engine.listening()[0]!;
  return {
    engine,
    uri: `sip:${user}@127.0.0.1:${listening.port}`,
    dataDir,
    events,
    next(name, match = () => true, timeoutMs = 5000) {
      const seen = events.find((e) => e.name === name && match(e.payload as never));
      if (seen) return Promise.resolve(seen.payload as never);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${user}: no ${String(name)} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ name, match: match as (p: never) => boolean, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async call(channel, payload) {
      const r = await engine.request(channel, payload);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
  };
}

export async function stopEngine(e: TestEngine): Promise<void> {
  await e.engine.stop();
  running.splice(running.indexOf(e.engine), 1);
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});
