import { describe, expect, it } from 'vitest';
import { createResponse, generateBranch, type SipResponse } from '../../../main/sip/message';
import { TransactionLayer, type TransactionTransport, type TransactionUser } from '../../../main/sip/transaction';
import { TransportLayer } from '../../../main/sip/transport';
import { request } from './layer-harness';

/** A TransactionUser that answers every request 200 and ignores the rest. */
const answering: TransactionUser = {
  receiveRequest: (req, tx) => void tx.respond(createResponse(req, 200)),
  receiveAck: () => undefined,
  serverTimeout: () => undefined,
  serverTransportError: () => undefined,
};

describe('the transport under the transaction layer', () => {
  it.each(['udp', 'tcp'] as const)('%s: a non-INVITE client transaction gets its 200 through two transport layers', async (transport) => {
    const bobTx = new TransactionLayer({ user: answering });
    const bob = await TransportLayer.start([{ transport, host: '127.0.0.1', port: 0 }], {
      onRequest: (req, source) => void bobTx.receiveRequest(req, bob.transportFor(source.transport), source),
      onResponse: () => undefined,
    });
    const aliceTx = new TransactionLayer({ user: answering });
    const alice = await TransportLayer.start([{ transport, host: '127.0.0.1', port: 0 }], {
      onRequest: () => undefined,
      onResponse: (res) => void aliceTx.receiveResponse(res),
    });
    try {
      const r = request('OPTIONS');
      r.prependHeader('Via', `SIP/2.0/${transport.toUpperCase()} placeholder.invalid;branch=${generateBranch()}`);
      // Compile-time check: the transport satisfies the transaction layer's interface.
      const channel: TransactionTransport = alice.transportFor(transport);
      const [target] = bob.listening;
      if (!target) throw new Error('bob listens nowhere');
      const response = await new Promise<SipResponse>((resolve, reject) => {
        aliceTx.sendRequest(r, channel, target, {
          receiveResponse: (res) => resolve(res),
          timeout: (e) => reject(e),
          transportError: (e) => reject(e),
        });
      });
      expect(response.status).toBe(200);
      expect(response.via[0]?.received).toBe('127.0.0.1');
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });
});
