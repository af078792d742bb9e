import { UsageError } from './usage-error';
import type { CallsOptions } from '../engine';
import { parseStunUri, parseTurnUri, type NatServers } from '../nat/ice';

export interface MediaFlags {
  play?: string;
  codecs?: string[];
  srtp?: 'mandatory' | 'best-effort' | 'off' | 'dtls';
  ice?: boolean;
  natServers?: NatServers;
}

/** --ice, --stun, --turn, --turn-user, --turn-password for parseArgs (shared by `call` and `run`). */
export const natFlagOptions = {
  ice: { type: 'string' },
  stun: { type: 'string' },
  turn: { type: 'string' },
  'turn-user': { type: 'string' },
  'turn-password': { type: 'string' },
} as const;

/** The help lines for natFlagOptions. */
export const natFlagHelp = `  --ice on|off     ICE for calls (default on: host candidates plus the servers given)
  --stun HOST:PORT STUN server for server-reflexive candidates (default none)
  --turn URI       TURN relay, turn:HOST:PORT[?transport=udp|tcp] (default none)
  --turn-user U, --turn-password P   its long-term credentials`;

/** Reads the NAT flags; bad values are usage errors that name the flag. */
export function readNatFlags(values: { ice?: string; stun?: string; turn?: string; 'turn-user'?: string; 'turn-password'?: string }): Pick<MediaFlags, 'ice' | 'natServers'> {
  const flags: Pick<MediaFlags, 'ice' | 'natServers'> = {};
  if (values.ice !== undefined) {
    if (values.ice !== 'on' && values.ice !== 'off') throw new UsageError(`--ice "${values.ice}" is neither on nor off`);
    flags.ice = values.ice === 'on';
  }
  if ((values['turn-user'] !== undefined || values['turn-password'] !== undefined) && values.turn === undefined) {
    throw new UsageError('--turn-user and --turn-password go with --turn');
  }
  const stun = values.stun === undefined ? undefined : asUsage('--stun', () => parseStunUri(values.stun!));
  const turn = values.turn === undefined ? undefined : asUsage('--turn', () => parseTurnUri(values.turn!, values['turn-user'] ?? '', values['turn-password'] ?? ''));
  if (stun || turn) flags.natServers = { ...(stun && { stun }), ...(turn && { turn }) };
  return flags;
}

function asUsage<T>(flag: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

const CODECS = new Set(['opus', 'g722', 'pcmu', 'pcma']);

/** Reads --play, --codec and --srtp (shared by `call` and `run`). */
export function readMediaFlags(values: { play?: string; codec?: string; srtp?: string }): MediaFlags {
  const flags: MediaFlags = {};
  if (values.play !== undefined) {
    if (!/^tone:\d{2,5}$/.test(values.play) && !/\.wav$/i.test(values.play) && values.play !== 'silence') {
      throw new UsageError(`--play "${values.play}" is neither FILE.wav, tone:HZ nor silence`);
    }
    flags.play = values.play;
  }
  if (values.codec !== undefined) {
    const list = values.codec.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
    const bad = list.find((c) => !CODECS.has(c));
    if (bad || list.length === 0) throw new UsageError(`--codec: "${bad ?? values.codec}" is not one of opus, g722, pcmu, pcma`);
    flags.codecs = list;
  }
  if (values.srtp !== undefined) {
    if (values.srtp !== 'mandatory' && values.srtp !== 'best-effort' && values.srtp !== 'off' && values.srtp !== 'dtls') {
      throw new UsageError(`--srtp "${values.srtp}" is not mandatory, best-effort, off or dtls`);
    }
    flags.srtp = values.srtp;
  }
  return flags;
}

export function mediaOptions(flags: MediaFlags, extra: { recordFile?: string | undefined; recordDir?: string | undefined; autoAnswerSeconds?: number | undefined; maxCalls?: number | undefined }): CallsOptions {
  return {
    ...(flags.play ? { play: flags.play } : {}),
    ...(flags.codecs ? { codecs: flags.codecs } : {}),
    ...(flags.srtp ? { srtp: flags.srtp } : {}),
    ...(flags.ice !== undefined ? { ice: flags.ice } : {}),
    ...(flags.natServers ? { natServers: flags.natServers } : {}),
    ...(extra.recordFile ? { recordFile: extra.recordFile } : {}),
    ...(extra.recordDir ? { recordDir: extra.recordDir } : {}),
    ...(extra.autoAnswerSeconds !== undefined ? { autoAnswerSeconds: extra.autoAnswerSeconds } : {}),
    ...(extra.maxCalls !== undefined ? { maxCalls: extra.maxCalls } : {}),
  };
}
