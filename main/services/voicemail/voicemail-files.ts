import fs from 'node:fs';
import path from 'node:path';

/** The folder inside the data folder that holds voicemail audio and the user's greeting. */
export const VOICEMAIL_DIR = 'voicemail';
export const GREETING_FILE = 'greeting.wav';

export function voicemailDir(dataDir: string): string {
  return path.join(dataDir, VOICEMAIL_DIR);
}

/** The absolute path of a stored message's audio; refuses names that leave the folder. */
export function audioPath(dataDir: string, relative: string): string {
  const dir = voicemailDir(dataDir);
  const full = path.resolve(dataDir, relative);
  if (path.dirname(full) !== dir) throw new Error(`voicemail audio "${relative}" is outside ${dir}`);
  return full;
}

/** Makes sure a rename into `dir` survives a crash (POSIX: fsync the directory). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some platforms cannot open or sync a directory; the rename is still atomic there
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
