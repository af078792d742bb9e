import type { CallInfo } from '../../../shared/ipc';
import type { Communicator } from '../../engine';
import type { createOutput } from '../output';

/**
 * `litesip call URI --transfer-to URI2 --after S`: once the call has run S seconds, a blind
 * transfer (REFER, RFC 3515) hands the other party to URI2. Resolves with the exit code: 0 when
 * the transfer succeeded (our call then ends), 1 when it was refused or failed.
 */
export async function transferAfter(engine: Communicator, out: ReturnType<typeof createOutput>, callId: string, target: string, afterSeconds: number): Promise<number> {
  await new Promise((r) => setTimeout(r, afterSeconds * 1000));
  const outcome = new Promise<CallInfo>((resolve) => {
    const off = engine.events.on('calls:changed', (c) => {
      if (c.id !== callId) return;
      const state = c.transfer?.state;
      if (state && state !== 'requested') out.event('transfer', { callId, ...c.transfer }, `transfer: ${state}${c.transfer?.status ? ` (${c.transfer.status} ${c.transfer.reason ?? ''})` : ''}`);
      if (state === 'failed' || (state === 'succeeded' && c.state === 'ended') || (c.state === 'ended' && state !== 'succeeded')) {
        off();
        resolve(c);
      }
    });
  });
  const asked = await engine.request('calls:transfer', { callId, target });
  if (!asked.ok) {
    out.error(`transfer refused: ${asked.error.message}`);
    return 1;
  }
  const done = await outcome;
  if (done.transfer?.state !== 'succeeded') {
    out.error(`transfer failed: ${done.transfer?.reason ?? done.endReason ?? 'unknown reason'}`);
    return 1;
  }
  out.event('call-ended', { callId, reason: done.endReason ?? 'transferred' }, `call ended: ${done.endReason ?? 'transferred'}`);
  return 0;
}
