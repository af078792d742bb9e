import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { NetNs } from '../../helpers/netns';
import type { AgentCommand, AgentEvent, AgentReply, LabAddress } from './agent-protocol';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(import.meta.dirname, 'lab-agent.ts');

type Datagram = Extract<AgentEvent, { event: 'datagram' }>;
type CommandBody = AgentCommand extends infer C ? (C extends AgentCommand ? Omit<C, 'id'> : never) : never;

/** The outcome of a Binding transaction run by an agent. */
export type AgentBinding =
  | { ok: true; mapped: LabAddress & { family: string }; attempts: number; elapsedMs: number; software?: string }
  | { ok: false; error: { name: string; message: string } };

/** Drives a lab-agent process inside a namespace. */
export class LabAgent {
  readonly datagrams: Datagram[] = [];
  private stderr = '';
  private nextId = 1;
  private readonly pending = new Map<number, (reply: AgentReply) => void>();
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly ns: NetNs,
    private readonly child: ChildProcess,
  ) {}

  /** Starts the agent inside `ns` and waits until it is ready. */
  static async start(ns: NetNs, timeoutMs = 20_000): Promise<LabAgent> {
    const child = ns.spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, stdin: true });
    const agent = new LabAgent(ns, child);
    child.stderr!.on('data', (d: Buffer) => (agent.stderr += d.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`lab agent in ${ns.name} not ready after ${timeoutMs} ms: ${agent.stderr}`)), timeoutMs);
      child.once('exit', (code) => reject(new Error(`lab agent in ${ns.name} exited (${code}): ${agent.stderr}`)));
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        let message: AgentReply | AgentEvent;
        try {
          message = JSON.parse(line) as AgentReply | AgentEvent;
        } catch {
          return;
        }
        if ('event' in message) {
          if (message.event === 'ready') {
            clearTimeout(timer);
            resolve();
          } else {
            agent.datagrams.push(message);
            for (const wake of agent.waiters) wake();
          }
          return;
        }
        agent.pending.get(message.id)?.(message);
        agent.pending.delete(message.id);
      });
    });
    await ready;
    return agent;
  }

  /** Binds a UDP socket; `respond` makes it answer STUN Binding requests with LiteSIP's responder. */
  async bind(options: { address?: string; port?: number; respond?: boolean } = {}): Promise<{ socket: number; local: LabAddress }> {
    const reply = await this.command({ op: 'bind', ...options });
    if (!reply.ok) throw new Error(`bind in ${this.ns.name}: ${reply.error.message}`);
    return { socket: reply.socket!, local: reply.local! };
  }

  /** Runs one STUN Binding transaction from `socket` to `server` with LiteSIP's client. */
  async binding(socket: number, server: LabAddress, timing: { rto?: number; rc?: number; rm?: number } = {}): Promise<AgentBinding> {
    const reply = await this.command({ op: 'binding', socket, server, ...timing }, 60_000);
    if (!reply.ok) return reply;
    return { ok: true, mapped: reply.mapped!, attempts: reply.attempts!, elapsedMs: reply.elapsedMs!, software: reply.software };
  }

  /** Whether a TCP connection to `to` opens within `timeoutMs`. */
  async canConnectTcp(to: LabAddress, timeoutMs = 3000): Promise<boolean> {
    const reply = await this.command({ op: 'connect', to, timeoutMs }, timeoutMs + 5000);
    return reply.ok;
  }

  async send(socket: number, to: LabAddress, data: string): Promise<void> {
    const reply = await this.command({ op: 'send', socket, to, data });
    if (!reply.ok) throw new Error(`send in ${this.ns.name}: ${reply.error.message}`);
  }

  /** Resolves with the first datagram (past or future) that passes `match`, or undefined after `timeoutMs`. */
  waitForDatagram(match: (d: Datagram) => boolean, timeoutMs: number): Promise<Datagram | undefined> {
    const seen = this.datagrams.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const wake = (): void => {
        const found = this.datagrams.find(match);
        if (!found) return;
        done(found);
      };
      const done = (found: Datagram | undefined): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.waiters.add(wake);
    });
  }

  /** Ends the agent by closing its stdin; the namespace's teardown kills it if it lingers. */
  stop(): void {
    this.child.stdin?.end();
  }

  private command(body: CommandBody, timeoutMs = 10_000): Promise<AgentReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`lab agent in ${this.ns.name} did not answer ${body.op} within ${timeoutMs} ms: ${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.stdin!.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }
}
