// The libopus WebAssembly build shipped inside @evan/opus, bound directly so the decoder can
// use opus_decode()'s FEC flag and its NULL-packet loss concealment, which the package's own
// Decoder class does not expose.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { OpusError } from './errors';

/** The few WebAssembly globals we use (the project's lib settings carry no WebAssembly types). */
interface WasmGlobals {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmGlobals }).WebAssembly;

interface OpusExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  opus_strerror(code: number): number;
  opus_decoder_get_size(channels: number): number;
  opus_decoder_init(st: number, rate: number, channels: number): number;
  opus_decode(st: number, data: number, len: number, pcm: number, frameSize: number, decodeFec: number): number;
  _initialize?: () => void;
}

let loaded: OpusExports | undefined;

function opus(): OpusExports {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@evan/opus/wasm/opus.wasm');
  const module = new wasm.Module(fs.readFileSync(file));
  const instance = new wasm.Instance(module, {
    wasi_snapshot_preview1: { fd_seek: () => 0, fd_write: () => 0, fd_close: () => 0, proc_exit: () => undefined },
    env: { emscripten_notify_memory_growth: () => undefined },
  });
  const exports = instance.exports as unknown as OpusExports;
  exports._initialize?.();
  loaded = exports;
  return exports;
}

function check(lib: OpusExports, code: number): number {
  if (code >= 0) return code;
  const bytes = new Uint8Array(lib.memory.buffer);
  let text = '';
  for (let at = lib.opus_strerror(code); bytes[at] !== 0 && at < bytes.length; at++) text += String.fromCharCode(bytes[at]!);
  throw new OpusError(code, `opus: ${text}`);
}

/** 120 ms at 48 kHz: the longest Opus frame (RFC 6716 §2). */
const MAX_FRAME = 5760;
const MAX_PACKET = 1500;

/**
 * Views of the module's memory, rebuilt only when the memory grows (growth detaches the old
 * buffer), so a decoded frame costs one copy and no view allocations.
 */
interface Heap {
  u8: Uint8Array;
  i16: Int16Array;
}
const heaps = new WeakMap<OpusExports, Heap>();

function heapOf(lib: OpusExports): Heap {
  const buffer = lib.memory.buffer;
  let heap = heaps.get(lib);
  if (!heap || heap.u8.buffer !== buffer) {
    heap = { u8: new Uint8Array(buffer), i16: new Int16Array(buffer) };
    heaps.set(lib, heap);
  }
  return heap;
}

/** A mono libopus decoder with access to FEC and PLC. */
export class OpusWasmDecoder {
  private readonly lib = opus();
  private state = 0;
  private packet = 0;
  private pcm = 0;

  constructor(readonly sampleRate: number) {
    const lib = this.lib;
    this.state = lib.malloc(lib.opus_decoder_get_size(1));
    this.packet = lib.malloc(MAX_PACKET);
    this.pcm = lib.malloc(MAX_FRAME * 2);
    this.reset();
  }

  /** Decodes a packet; with `fec`, decodes the redundant copy of the packet before it (RFC 6716 §2.1.7). */
  decode(payload: Uint8Array, frameSize: number, fec = false): Int16Array {
    if (payload.length > MAX_PACKET) throw new OpusError(-4, 'opus: packet too large');
    const lib = this.lib;
    heapOf(lib).u8.set(payload, this.packet);
    const n = check(lib, lib.opus_decode(this.state, this.packet, payload.length, this.pcm, fec ? frameSize : MAX_FRAME, fec ? 1 : 0));
    return this.output(n);
  }

  /** Loss concealment: `frameSize` samples extrapolated from the decoder state. */
  conceal(frameSize: number): Int16Array {
    const lib = this.lib;
    const n = check(lib, lib.opus_decode(this.state, 0, 0, this.pcm, frameSize, 0));
    return this.output(n);
  }

  /** A copy of the `samples` decoded samples (the caller may keep it; the wasm buffer is reused). */
  private output(samples: number): Int16Array {
    const at = this.pcm >> 1; // malloc aligns to 8 bytes at least
    return heapOf(this.lib).i16.slice(at, at + samples);
  }

  reset(): void {
    check(this.lib, this.lib.opus_decoder_init(this.state, this.sampleRate, 1));
  }

  dispose(): void {
    for (const ptr of [this.state, this.packet, this.pcm]) if (ptr) this.lib.free(ptr);
    this.state = this.packet = this.pcm = 0;
  }
}
