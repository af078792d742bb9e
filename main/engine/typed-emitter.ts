type Listener = (payload: never) => void;
type AnyListener<E> = (name: keyof E, payload: E[keyof E]) => void;

/** A small typed event emitter for the engine's outward events. */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();
  private readonly anyListeners = new Set<AnyListener<Events>>();

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Every event, in order: carriers (IPC, WebSocket, --json) forward from here. */
  onAny(listener: AnyListener<Events>): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** A listener that throws is reported on the next tick and never stops the others. */
  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      guarded(() => (listener as (p: Events[K]) => void)(payload));
    }
    for (const listener of [...this.anyListeners]) guarded(() => listener(name, payload));
  }
}

function guarded(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}
