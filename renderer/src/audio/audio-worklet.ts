import { FrameAssembler, levelDbfs, PlayoutBuffer } from './frames';

// The AudioWorkletGlobalScope's own names (not in TypeScript's DOM library).
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: new (options?: unknown) => unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

/** The processor's name, for `new AudioWorkletNode(context, CALL_AUDIO_PROCESSOR)`. */
const CALL_AUDIO_PROCESSOR = 'litesip-call-audio';

/**
 * Microphone in, speaker out, at the context's rate: the input becomes 20 ms 48 kHz frames sent
 * on the engine link, and the link's frames play from a small jitter buffer. The link is a
 * MessagePort handed over with `{ link: port }` (the engine's own port in the desktop app, a
 * relay to the WebSocket in the browser). Every 100 ms the node's port gets `{ level }` (dBFS).
 */
class CallAudioProcessor extends AudioWorkletProcessor {
  private readonly assembler = new FrameAssembler(sampleRate);
  private readonly playout = new PlayoutBuffer(sampleRate);
  private link: MessagePort | undefined;
  private running = true;
  private quanta = 0;
  private peak = -100;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent) => {
      const data = e.data as { link?: MessagePort; stop?: boolean } | null;
      if (data?.link) {
        this.link = data.link;
        this.link.onmessage = (m: MessageEvent) => this.playout.push(m.data);
      }
      if (data?.stop) {
        // An empty buffer tells the engine the audio stopped; then the processor ends.
        this.link?.postMessage(new ArrayBuffer(0));
        this.link?.close();
        this.link = undefined;
        this.running = false;
      }
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    if (input) {
      for (const frame of this.assembler.push(input)) this.link?.postMessage(frame, [frame]);
      this.peak = Math.max(this.peak, levelDbfs(input));
    }
    const output = outputs[0];
    if (output?.[0]) {
      this.playout.pull(output[0]);
      for (let c = 1; c < output.length; c++) output[c]!.set(output[0]);
    }
    // 128-sample quanta: about every 100 ms, the loudest level for the meter.
    if (++this.quanta * 128 >= sampleRate / 10) {
      this.port.postMessage({ level: this.peak });
      this.quanta = 0;
      this.peak = -100;
    }
    return this.running;
  }
}

registerProcessor(CALL_AUDIO_PROCESSOR, CallAudioProcessor);
