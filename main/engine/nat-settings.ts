import { TURN_PASSWORD_SECRET } from '../../shared/ipc';
import { parseStunUri, parseTurnUri, type NatServers } from '../nat/ice';
import type { Store } from '../store';

/** NAT traversal for one call: ICE on or off and the servers to gather with. */
export interface CallNat {
  ice: boolean;
  servers?: NatServers;
  /** Why a configured server is not used (e.g. the TURN password cannot be opened). */
  problem?: string;
}

/**
 * The NAT settings as the next call uses them, read from the store at call time so a change
 * applies without a restart. Calls gather from the first STUN server and the TURN server
 * (RFC 8445 §5.1.1.2); TURN needs its sealed password (RFC 8656 §7.2 long-term credentials).
 */
export function storedCallNat(store: Pick<Store, 'settings' | 'secrets'>): CallNat {
  const nat = store.settings.loadNat();
  const servers: { stun?: NatServers['stun']; turn?: NatServers['turn'] } = {};
  let problem: string | undefined;
  try {
    const first = nat.stunServers[0];
    if (first) servers.stun = parseStunUri(first);
    if (nat.turn) {
      const password = store.secrets.get(TURN_PASSWORD_SECRET);
      if (password === undefined) problem = `TURN server ${nat.turn.uri} is not used: it has no password`;
      else servers.turn = parseTurnUri(nat.turn.uri, nat.turn.username, password);
    }
  } catch (err) {
    problem = `${err instanceof Error ? err.message : String(err)}; calls go without that server`;
  }
  return { ice: nat.ice, ...(servers.stun || servers.turn ? { servers } : {}), ...(problem ? { problem } : {}) };
}

/** Command-line flags (--ice, --stun, --turn) win over the stored settings, each on its own. */
export function effectiveNat(stored: CallNat | undefined, flags: { ice?: boolean; natServers?: NatServers }): CallNat {
  const stun = flags.natServers?.stun ?? stored?.servers?.stun;
  const turn = flags.natServers?.turn ?? stored?.servers?.turn;
  return {
    ice: flags.ice ?? stored?.ice ?? true,
    ...(stun || turn ? { servers: { ...(stun ? { stun } : {}), ...(turn ? { turn } : {}) } } : {}),
    ...(stored?.problem ? { problem: stored.problem } : {}),
  };
}
