import { Communicator, type ListenSpec } from '../engine';

/**
 * The desktop app prefers the standard SIP port; when another program holds it, it takes
 * any free port rather than not starting at all.
 */
export async function startEngine(dataDir: string, preferred: ListenSpec[]): Promise<Communicator> {
  const first = new Communicator({ dataDir, listen: preferred });
  try {
    await first.start();
    return first;
  } catch {
    const fallback = new Communicator({ dataDir, listen: preferred.map((l) => ({ ...l, port: 0 })) });
    await fallback.start().catch(() => undefined);
    return fallback;
  }
}
