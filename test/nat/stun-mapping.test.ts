import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentBinding, LabAgent } from './lab/lab-agent-client';
import { NatLab } from './lab/nat-lab';

/** Runs LiteSIP's STUN client from one socket in `agent` toward both of coturn's addresses. */
async function mapTowardBoth(lab: NatLab, agent: LabAgent): Promise<{ local: { address: string; port: number }; first: AgentBinding; second: AgentBinding }> {
  const { socket, local } = await agent.bind();
  const first = await agent.binding(socket, { address: lab.turn.address, port: lab.turn.port });
  const second = await agent.binding(socket, { address: lab.turn.secondAddress, port: lab.turn.port });
  return { local, first, second };
}

function mapped(binding: AgentBinding): { family: string; address: string; port: number } {
  if (!binding.ok) throw new Error(`STUN Binding failed: ${binding.error.name}: ${binding.error.message}`);
  return binding.mapped;
}

/** coturn names itself in SOFTWARE; LiteSIP's own responder says "LiteSIP lab agent". */
function answeredByCoturn(binding: AgentBinding): boolean {
  return binding.ok && /coturn/i.test(binding.software ?? '');
}

/**
 * Sends to `host`'s public mapping from the very address and port it talked to, from another port
 * and from another address of the public side, and reports which of the three got through.
 */
async function filterProbe(lab: NatLab, hostAgent: LabAgent): Promise<string[]> {
  const pub = await lab.agent('pub');
  const server = await pub.bind({ address: lab.turn.address, respond: true });
  const otherPort = await pub.bind({ address: lab.turn.address });
  const otherAddress = await pub.bind({ address: lab.turn.secondAddress });
  const { socket } = await hostAgent.bind();
  const mapping = mapped(await hostAgent.binding(socket, server.local));
  const tag = `probe-${socket}-`;
  await pub.send(otherPort.socket, mapping, `${tag}other-port`);
  await pub.send(otherAddress.socket, mapping, `${tag}other-address`);
  await pub.send(server.socket, mapping, `${tag}same-endpoint`);
  // the same-endpoint datagram is sent last and always passes: once it is in, the others had their chance
  await hostAgent.waitForDatagram((d) => d.socket === socket && d.data === `${tag}same-endpoint`, 3000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return hostAgent.datagrams.filter((d) => d.socket === socket && d.data.startsWith(tag)).map((d) => d.data.slice(tag.length)).sort();
}

describe('NAT lab: STUN mappings seen by coturn', () => {
  describe('host A behind a cone NAT, host B behind a symmetric NAT', () => {
    let lab: NatLab;
    beforeAll(async () => {
      lab = await NatLab.create({ A: { nat: 'cone' }, B: { nat: 'symmetric' } });
    });
    afterAll(async () => {
      await lab?.destroy();
    });

    it('cone: the mapping is the NAT public address, with the same port toward both coturn addresses', async () => {
      const { local, first, second } = await mapTowardBoth(lab, await lab.agent('hostA'));
      expect(answeredByCoturn(first) && answeredByCoturn(second)).toBe(true);
      const toFirst = mapped(first);
      const toSecond = mapped(second);
      expect(toFirst.address).toBe(lab.side('A').publicAddress);
      expect(toFirst.address).not.toBe(lab.side('A').hostAddress);
      expect(toSecond).toEqual(toFirst);
      // MASQUERADE keeps the host's port when it is free
      expect(toFirst.port).toBe(local.port);
    });

    it('symmetric: the mapped port differs per destination', async () => {
      const { first, second } = await mapTowardBoth(lab, await lab.agent('hostB'));
      expect(answeredByCoturn(first) && answeredByCoturn(second)).toBe(true);
      const toFirst = mapped(first);
      const toSecond = mapped(second);
      expect(toFirst.address).toBe(lab.side('B').publicAddress);
      expect(toSecond.address).toBe(lab.side('B').publicAddress);
      expect(toSecond.port).not.toBe(toFirst.port);
      // the same destination again keeps its mapping
      const agent = await lab.agent('hostB');
      const { socket } = await agent.bind();
      const once = mapped(await agent.binding(socket, { address: lab.turn.address, port: lab.turn.port }));
      const again = mapped(await agent.binding(socket, { address: lab.turn.address, port: lab.turn.port }));
      expect(again).toEqual(once);
    });

    it('cone: unsolicited datagrams from another public address or port are filtered (address-and-port-dependent)', async () => {
      expect(await filterProbe(lab, await lab.agent('hostA'))).toEqual(['same-endpoint']);
    });

    it('symmetric: filters the same way', async () => {
      expect(await filterProbe(lab, await lab.agent('hostB'))).toEqual(['same-endpoint']);
    });
  });

  describe('host A without NAT, host B behind a cone NAT that drops outgoing UDP', () => {
    let lab: NatLab;
    beforeAll(async () => {
      lab = await NatLab.create({ A: { nat: 'none' }, B: { nat: 'cone', blockUdp: true } });
    });
    afterAll(async () => {
      await lab?.destroy();
    });

    it('none: the mapped address is the host’s own, toward both coturn addresses', async () => {
      const { local, first, second } = await mapTowardBoth(lab, await lab.agent('hostA'));
      expect(answeredByCoturn(first) && answeredByCoturn(second)).toBe(true);
      expect(mapped(first)).toEqual({ family: 'IPv4', address: lab.side('A').hostAddress, port: local.port });
      expect(mapped(second)).toEqual(mapped(first));
    });

    it('none: nothing filters, so datagrams from any public endpoint arrive', async () => {
      expect(await filterProbe(lab, await lab.agent('hostA'))).toEqual(['other-address', 'other-port', 'same-endpoint']);
    });

    it('blocked UDP: the Binding request never reaches coturn and the transaction times out, while TCP still does', async () => {
      const agent = await lab.agent('hostB');
      const { socket } = await agent.bind();
      const result = await agent.binding(socket, { address: lab.turn.address, port: lab.turn.port }, { rto: 100, rc: 3, rm: 4 });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ name: 'StunTimeoutError', message: expect.stringMatching(/after 3 requests/) });
      // coturn listens on TCP 3478 too: TURN over TCP remains the way out
      expect(await agent.canConnectTcp({ address: lab.turn.address, port: lab.turn.port })).toBe(true);
    });
  });
});
