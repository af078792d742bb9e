import { WavFileSink, type AudioSink } from '../audio';

/** A call's recording: what we receive, mixed with what we send when asked. */
export class CallRecorder {
  private target: { sink: AudioSink; includeSent: boolean } | undefined;

  /** Starts (or restarts) recording to a 48 kHz mono WAV file or any sink. */
  start(target: string | AudioSink, includeSent: boolean): void {
    this.stop();
    this.target = { sink: typeof target === 'string' ? new WavFileSink(target) : target, includeSent };
  }

  stop(): void {
    this.target?.sink.close();
    this.target = undefined;
  }

  /** One 20 ms frame: what was played, and what was sent (null when nothing went out). */
  write(received: Int16Array, sent: Int16Array | null): void {
    const t = this.target;
    if (!t) return;
    t.sink.write(t.includeSent && sent ? mix(received, sent) : received);
  }
}

function mix(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const s = a[i]! + (b[i] ?? 0);
    out[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
  }
  return out;
}
