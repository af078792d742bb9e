/** The line protocol between a lab test and its agents (one JSON object per line each way). */

export interface LabAddress {
  address: string;
  port: number;
}

export type AgentCommand =
  | { id: number; op: 'bind'; address?: string; port?: number; respond?: boolean }
  | { id: number; op: 'binding'; socket: number; server: LabAddress; rto?: number; rc?: number; rm?: number }
  | { id: number; op: 'send'; socket: number; to: LabAddress; data: string }
  | { id: number; op: 'close'; socket: number }
  /** Opens a TCP connection and closes it again: can this place reach that TCP port? */
  | { id: number; op: 'connect'; to: LabAddress; timeoutMs: number };

export type AgentReply =
  | { id: number; ok: true; socket?: number; local?: LabAddress; mapped?: LabAddress & { family: string }; attempts?: number; elapsedMs?: number; software?: string }
  | { id: number; ok: false; error: { name: string; message: string } };

export type AgentEvent =
  | { event: 'ready'; pid: number }
  /** A datagram that was neither a response to one of our STUN transactions nor a request we answered. */
  | { event: 'datagram'; socket: number; from: LabAddress; data: string };
