import type { WebContents } from 'electron';
import { eventChannels } from '../../shared/ipc';

interface EventSource {
  onAny(listener: (name: string, payload: unknown) => void): () => void;
}

/** Pushes every contract event from the engine to the window, while it is alive. */
export function forwardEvents(events: EventSource, target: () => WebContents | undefined): () => void {
  const allowed = new Set(eventChannels);
  return events.onAny((name, payload) => {
    if (!allowed.has(name)) return;
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(name, payload);
  });
}
