import type { ListeningAddress } from '../../shared/ipc';

export type ListenSpec = ListeningAddress;

/**
 * Parses `udp:HOST:PORT`, `tcp:[::1]:5060`, `tls:0.0.0.0:5061`. Port 0 asks the OS for a
 * free port. Returns an error message instead of throwing, for CLI and settings input.
 */
export function parseListenSpec(text: string): ListenSpec | string {
  const m = /^(udp|tcp|tls):(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(text.trim());
  if (!m) return `"${text}" is not a listen address; use udp|tcp|tls:HOST:PORT, e.g. udp:127.0.0.1:5080`;
  const [, transport, rawHost, rawPort] = m as unknown as [string, ListenSpec['transport'], string, string];
  const port = Number(rawPort);
  if (port > 65535) return `port ${port} in "${text}" is out of range (0-65535)`;
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
  return { transport, host, port };
}

export function formatListenSpec(spec: ListenSpec): string {
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  return `${spec.transport}:${host}:${spec.port}`;
}
