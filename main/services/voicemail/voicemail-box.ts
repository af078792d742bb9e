import fs from 'node:fs';
import path from 'node:path';
import { MAX_GREETING_BYTES, type VoicemailAudio, type VoicemailEntry, type VoicemailPage } from '../../../shared/ipc';
import { parseWav, type WavAudio } from '../../media/audio';
import type { NewVoicemail, Store } from '../../store';
import { decodeOggOpus } from './ogg-opus-reader';
import { audioPath, GREETING_FILE, syncDir, voicemailDir, VOICEMAIL_DIR } from './voicemail-files';
import { PLAYBACK_RATE, wavBytes } from './wav-bytes';
import { VoicemailError } from './voicemail-error';

/** A message just recorded, its audio already complete and synced in the voicemail folder. */
export type RecordedMessage = Omit<NewVoicemail, 'audioFile'> & { file: string };

/**
 * The voicemail box: stored messages (rows in the store, Ogg Opus audio in the data folder),
 * playback and export as WAV, and the user's greeting.
 */
export class VoicemailBox {
  readonly dir: string;

  constructor(private readonly store: Store) {
    this.dir = voicemailDir(store.dataDir);
  }

  /** Creates the folder and removes what a crash left: unfinished recordings and audio no row points to. */
  prepare(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const known = new Set(this.store.voicemail.audioFiles().map((f) => path.basename(f)));
    for (const name of fs.readdirSync(this.dir)) {
      if (name.endsWith('.part') || (name.endsWith('.opus') && !known.has(name))) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /** A fresh path for a recording in progress. */
  newRecordingPath(callId: string): string {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return path.join(this.dir, `${Date.now()}-${callId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40)}.opus`);
  }

  /** Commits a finished message (its file is synced first) and returns the stored entry. */
  save(message: RecordedMessage): VoicemailEntry | undefined {
    syncDir(this.dir);
    const { file, ...rest } = message;
    const entry = this.store.voicemail.add({ ...rest, audioFile: `${VOICEMAIL_DIR}/${path.basename(file)}` });
    if (!entry) fs.rmSync(file, { force: true });
    return entry;
  }

  list(limit = 100, unheardOnly = false): VoicemailPage {
    return { entries: this.store.voicemail.list(limit, unheardOnly), unheard: this.store.voicemail.unheard() };
  }

  get(id: number): VoicemailEntry {
    const entry = this.store.voicemail.get(id);
    if (!entry) throw new VoicemailError('not-found', `There is no voicemail ${id}.`);
    return entry;
  }

  unheard(): number {
    return this.store.voicemail.unheard();
  }

  setHeard(id: number, heard: boolean): VoicemailEntry {
    const entry = this.store.voicemail.setHeard(id, heard);
    if (!entry) throw new VoicemailError('not-found', `There is no voicemail ${id}.`);
    return entry;
  }

  /** Removes the row (committed) and then its audio file. */
  delete(id: number): boolean {
    const audio = this.store.voicemail.delete(id);
    if (!audio) return false;
    fs.rmSync(audioPath(this.store.dataDir, audio.audioFile), { force: true });
    return true;
  }

  /** The message decoded to a 16 kHz 16-bit mono WAV file's bytes. */
  wav(id: number): Buffer {
    const audio = this.store.voicemail.audio(id);
    if (!audio) throw new VoicemailError('not-found', `There is no voicemail ${id}.`);
    let data: Buffer;
    try {
      data = fs.readFileSync(audioPath(this.store.dataDir, audio.audioFile));
    } catch (err) {
      throw new VoicemailError('audio-missing', `The audio of voicemail ${id} cannot be read: ${(err as Error).message}`);
    }
    try {
      const pcm = decodeOggOpus(data);
      return wavBytes(pcm.samples, pcm.sampleRate);
    } catch (err) {
      throw new VoicemailError('audio-damaged', `The audio of voicemail ${id} is damaged: ${(err as Error).message}`);
    }
  }

  play(id: number): VoicemailAudio {
    const entry = this.get(id);
    const wav = this.wav(id);
    return { id, mimeType: 'audio/wav', wavBase64: wav.toString('base64'), sampleRate: PLAYBACK_RATE, durationMs: entry.durationMs };
  }

  /** Writes the message as WAV at `file` (written beside it, then renamed). */
  exportWav(id: number, file: string): { path: string; bytes: number } {
    const wav = this.wav(id);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, wav);
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new VoicemailError('export-failed', `Cannot write ${file}: ${(err as Error).message}`);
    }
    return { path: file, bytes: wav.length };
  }

  get greetingPath(): string {
    return path.join(this.dir, GREETING_FILE);
  }

  /** The user's greeting, or undefined for the built-in one (also when the file is unreadable). */
  customGreeting(): WavAudio | undefined {
    try {
      return parseWav(fs.readFileSync(this.greetingPath));
    } catch {
      return undefined;
    }
  }

  /** Stores the user's greeting (checked to be a WAV file we can play), or removes it with null. */
  setGreeting(wav: Buffer | null): { custom: boolean } {
    if (wav === null) {
      fs.rmSync(this.greetingPath, { force: true });
      return { custom: false };
    }
    if (wav.length > MAX_GREETING_BYTES) throw new VoicemailError('too-large', `A greeting is at most ${MAX_GREETING_BYTES} bytes.`);
    try {
      const audio = parseWav(wav);
      if (audio.samples.length === 0) throw new Error('it holds no audio');
    } catch (err) {
      throw new VoicemailError('bad-greeting', `The greeting is not a WAV file LiteSIP can play: ${(err as Error).message}`);
    }
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.greetingPath}.part`;
    fs.writeFileSync(tmp, wav, { mode: 0o600 });
    fs.renameSync(tmp, this.greetingPath);
    return { custom: true };
  }
}
