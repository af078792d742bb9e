import { Communicator, type FeatureOptions } from '../engine';
import type { CommonFlags } from './common-flags';
import type { Output } from './output';

/** The engine a command runs, with the identity its common flags give. */
export function commandEngine(flags: CommonFlags, features?: FeatureOptions): Communicator {
  return new Communicator({
    dataDir: flags.dataDir,
    listen: flags.listen,
    accounts: flags.accounts,
    ...(flags.user ? { user: flags.user } : {}),
    ...(flags.tls ? { tls: flags.tls } : {}),
    ...(features ? { features } : {}),
  });
}

/**
 * Starts `engine`, runs `body` and always stops the engine afterwards. A failed start or an
 * error thrown by `body` is printed with its reason and gives undefined (exit status 1).
 */
export async function withEngine<T>(engine: Communicator, out: Output, body: () => Promise<T>): Promise<T | undefined> {
  try {
    await engine.start();
  } catch (err) {
    out.error((err as Error).message);
    return undefined;
  }
  try {
    return await body();
  } catch (err) {
    out.error((err as Error).message);
    return undefined;
  } finally {
    await engine.stop();
  }
}
