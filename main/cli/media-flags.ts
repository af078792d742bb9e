import { UsageError } from './usage-error';
import type { CallsOptions } from '../engine';

export interface MediaFlags {
  play?: string;
  codecs?: string[];
  srtp?: 'mandatory' | 'best-effort' | 'off' | 'dtls';
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
    ...(extra.recordFile ? { recordFile: extra.recordFile } : {}),
    ...(extra.recordDir ? { recordDir: extra.recordDir } : {}),
    ...(extra.autoAnswerSeconds !== undefined ? { autoAnswerSeconds: extra.autoAnswerSeconds } : {}),
    ...(extra.maxCalls !== undefined ? { maxCalls: extra.maxCalls } : {}),
  };
}
