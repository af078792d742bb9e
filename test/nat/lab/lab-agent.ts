// A small process run inside a lab namespace (`ip netns exec NS node --import tsx lab-agent.ts`):
// it binds UDP sockets, runs LiteSIP's STUN Binding client on them, answers Binding requests when
// asked, and sends raw datagrams, as the test tells it over stdin. A vitest worker cannot enter a
// network namespace itself; this process can be started inside one.
import dgram from 'node:dgram';
import net from 'node:net';
import readline from 'node:readline';
import { STUN_ATTR, StunBindingClient, answerBindingRequest, decodeText, findAttribute } from '../../../main/nat/stun';
import type { AgentCommand, AgentEvent, AgentReply } from './agent-protocol';

interface AgentSocket {
  readonly socket: dgram.Socket;
  readonly clients: Set<StunBindingClient>;
  readonly respond: boolean;
}

const sockets = new Map<number, AgentSocket>();
let nextSocket = 1;

function emit(line: AgentReply | AgentEvent): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function send(socket: dgram.Socket, data: Buffer, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => socket.send(data, port, address, (error) => (error ? reject(error) : resolve())));
}

async function bind(command: Extract<AgentCommand, { op: 'bind' }>): Promise<AgentReply> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(command.port ?? 0, command.address ?? '0.0.0.0', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const id = nextSocket++;
  const entry: AgentSocket = { socket, clients: new Set(), respond: command.respond ?? false };
  sockets.set(id, entry);
  socket.on('error', () => undefined);
  socket.on('message', (data, rinfo) => {
    for (const client of entry.clients) if (client.handle(data)) return;
    if (entry.respond) {
      const reply = answerBindingRequest(data, { address: rinfo.address, port: rinfo.port }, { software: 'LiteSIP lab agent' });
      if (reply) {
        void send(socket, reply, rinfo.address, rinfo.port).catch(() => undefined);
        return;
      }
    }
    emit({ event: 'datagram', socket: id, from: { address: rinfo.address, port: rinfo.port }, data: data.toString('utf8') });
  });
  const local = socket.address();
  return { id: command.id, ok: true, socket: id, local: { address: local.address, port: local.port } };
}

async function binding(command: Extract<AgentCommand, { op: 'binding' }>, entry: AgentSocket): Promise<AgentReply> {
  const client = new StunBindingClient({
    send: (data, to) => send(entry.socket, data, to.address, to.port),
    software: 'LiteSIP lab agent',
    fingerprint: true,
    rto: command.rto,
    rc: command.rc,
    rm: command.rm,
  });
  entry.clients.add(client);
  try {
    const outcome = await client.request(command.server);
    if (!outcome.ok) return { id: command.id, ok: false, error: { name: outcome.error.name, message: outcome.error.message } };
    const { mapped, attempts, elapsedMs, response } = outcome.value;
    const software = findAttribute(response, STUN_ATTR.SOFTWARE);
    const name = software ? decodeText(STUN_ATTR.SOFTWARE, software.value) : undefined;
    const reply: AgentReply = { id: command.id, ok: true, mapped: { family: mapped.family, address: mapped.address, port: mapped.port }, attempts, elapsedMs };
    if (name?.ok) reply.software = name.value;
    return reply;
  } finally {
    entry.clients.delete(client);
    client.close();
  }
}

function connect(command: Extract<AgentCommand, { op: 'connect' }>): Promise<AgentReply> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: command.to.address, port: command.to.port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ id: command.id, ok: false, error: { name: 'TimeoutError', message: `no TCP connection within ${command.timeoutMs} ms` } });
    }, command.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      const local = { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
      socket.end();
      resolve({ id: command.id, ok: true, local });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      resolve({ id: command.id, ok: false, error: { name: error.name, message: error.message } });
    });
  });
}

async function run(command: AgentCommand): Promise<AgentReply> {
  if (command.op === 'bind') return bind(command);
  if (command.op === 'connect') return connect(command);
  const entry = sockets.get(command.socket);
  if (!entry) return { id: command.id, ok: false, error: { name: 'AgentError', message: `no socket ${command.socket}` } };
  switch (command.op) {
    case 'binding':
      return binding(command, entry);
    case 'send':
      await send(entry.socket, Buffer.from(command.data, 'utf8'), command.to.address, command.to.port);
      return { id: command.id, ok: true };
    case 'close':
      entry.socket.close();
      sockets.delete(command.socket);
      return { id: command.id, ok: true };
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let command: AgentCommand;
  try {
    command = JSON.parse(line) as AgentCommand;
  } catch {
    return;
  }
  run(command).then(emit, (error: unknown) =>
    emit({ id: command.id, ok: false, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } }),
  );
});
// The test closing our stdin (or dying) ends the agent.
process.stdin.on('end', () => process.exit(0));
emit({ event: 'ready', pid: process.pid });
