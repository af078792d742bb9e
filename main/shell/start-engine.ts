import { Communicator, type FeatureOptions, type ListenSpec } from '../engine';
import type { SecretCipher } from '../store';

/**
 * The desktop app prefers the standard SIP port; when another program holds it, it takes
 * any free port rather than not starting at all.
 */
export async function startEngine(dataDir: string, preferred: ListenSpec[], secretCipher?: SecretCipher, features: FeatureOptions = {}): Promise<Communicator> {
  const extra = { ...(secretCipher ? { secretCipher } : {}), features };
  const first = new Communicator({ dataDir, listen: preferred, ...extra });
  try {
    await first.start();
    return first;
  } catch {
    const fallback = new Communicator({ dataDir, listen: preferred.map((l) => ({ ...l, port: 0 })), ...extra });
    await fallback.start().catch(() => undefined);
    return fallback;
  }
}
