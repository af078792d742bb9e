import type { VoicemailAudio, VoicemailEntry, VoicemailPage, VoicemailSettings } from '../../shared/ipc';
import { VoicemailBox, VoicemailError, VoicemailSession, type VoicemailCall } from '../services/voicemail';
import { EngineError, type Handler } from './dispatch';
import type { EngineFeature, FeatureContext } from './feature';

/** Recordings at once; one more caller meets the other rules (486). */
const MAX_RECORDINGS = 4;

/** Voicemail in the endpoint: the voicemail:* contract, and the calls feature hands it calls to record. */
export class VoicemailFeature implements EngineFeature {
  readonly name = 'voicemail';
  readonly handlers: ReadonlyMap<string, Handler>;
  private context: FeatureContext | undefined;
  private box: VoicemailBox | undefined;
  private readonly sessions = new Set<VoicemailSession>();

  constructor() {
    this.handlers = new Map<string, Handler>([
      ['voicemail:list', (p) => this.list(p as { unheardOnly?: boolean; limit?: number } | undefined)],
      ['voicemail:play', (p) => this.play((p as { id: number }).id)],
      ['voicemail:mark-heard', (p) => this.markHeard(p as { id: number; heard?: boolean })],
      ['voicemail:delete', (p) => this.delete((p as { id: number }).id)],
      ['voicemail:export', (p) => this.guard((b) => b.exportWav((p as { id: number }).id, (p as { path: string }).path))],
      ['voicemail:set-greeting', (p) => this.setGreeting((p as { wavBase64: string | null }).wavBase64)],
    ]);
  }

  start(context: FeatureContext): void {
    this.context = context;
    this.box = new VoicemailBox(context.store);
    this.box.prepare();
  }

  stop(): void {
    // Calls are hung up by the calls feature, which finishes their recordings first.
    for (const s of this.sessions) s.abort();
    this.sessions.clear();
    this.context = undefined;
    this.box = undefined;
  }

  /** Whether another caller can leave a message now. */
  get free(): boolean {
    return this.box !== undefined && this.sessions.size < MAX_RECORDINGS;
  }

  /** Takes an answered call: greeting, beep, recording; `finish` on hang-up stores and announces the message. */
  take(call: VoicemailCall, settings: VoicemailSettings): { finish(): VoicemailEntry | undefined } {
    const box = this.requireBox();
    const session = new VoicemailSession(box, call, settings);
    this.sessions.add(session);
    session.start();
    return {
      finish: () => {
        this.sessions.delete(session);
        let entry: VoicemailEntry | undefined;
        try {
          entry = session.finish();
        } catch {
          session.abort();
          return undefined;
        }
        // Committed by finish(); only then does anyone hear of it.
        if (entry) this.context?.emit('voicemail:new', entry);
        return entry;
      },
    };
  }

  private list(p: { unheardOnly?: boolean; limit?: number } | undefined): VoicemailPage {
    return this.requireBox().list(p?.limit ?? 100, p?.unheardOnly ?? false);
  }

  private play(id: number): VoicemailAudio {
    return this.guard((b) => b.play(id));
  }

  private markHeard(p: { id: number; heard?: boolean }): VoicemailEntry {
    const entry = this.guard((b) => b.setHeard(p.id, p.heard ?? true));
    this.context?.emit('voicemail:changed', { id: entry.id, entry, unheard: this.requireBox().unheard() });
    return entry;
  }

  private delete(id: number): { deleted: boolean } {
    const deleted = this.guard((b) => b.delete(id));
    if (deleted) this.context?.emit('voicemail:changed', { id, unheard: this.requireBox().unheard() });
    return { deleted };
  }

  private setGreeting(wavBase64: string | null): { custom: boolean } {
    return this.guard((b) => b.setGreeting(wavBase64 === null ? null : Buffer.from(wavBase64, 'base64')));
  }

  /** Runs a box operation; its named errors become the contract's error codes. */
  private guard<T>(fn: (box: VoicemailBox) => T): T {
    try {
      return fn(this.requireBox());
    } catch (err) {
      if (err instanceof VoicemailError) throw new EngineError(err.code, err.message);
      throw err;
    }
  }

  private requireBox(): VoicemailBox {
    if (!this.box) throw new EngineError('engine-stopped', 'The engine is not running; start it first.');
    return this.box;
  }
}

export function createVoicemailFeature(): VoicemailFeature {
  return new VoicemailFeature();
}
