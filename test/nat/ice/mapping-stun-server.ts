import dgram from 'node:dgram';
import { answerBindingRequest } from '../../../main/nat/stun';

/**
 * A STUN server on 127.0.0.1 that reports every client as seen from `mappedAddress` (same
 * port): what a NAT in front of the client would show. The server-reflexive candidate it
 * yields differs from the host one, so it becomes the default candidate while checks on
 * loopback select the host pair.
 */
export async function mappingStunServer(mappedAddress: string): Promise<{ port: number; requests: () => number; close: () => void }> {
  const socket = dgram.createSocket('udp4');
  let requests = 0;
  socket.on('message', (data, from) => {
    const reply = answerBindingRequest(data, { address: mappedAddress, port: from.port, family: 'IPv4' });
    if (!reply) return;
    requests++;
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, requests: () => requests, close: () => socket.close() };
}
