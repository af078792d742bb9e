import { parseArgs } from 'node:util';
import type { CallInfo } from '../../../shared/ipc';
import type { Communicator } from '../../engine';
import { commandEngine } from '../command-engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import { mediaOptions, natFlagHelp, natFlagOptions, readMediaFlags, readNatFlags } from '../media-flags';
import { createOutput } from '../output';
import { UsageError } from '../usage-error';
import { transferAfter } from './call-transfer';

export const callHelp = `litesip call — place a call, play audio into it, record what comes back

Usage: litesip call URI [--play FILE.wav|tone:HZ] [--record FILE.wav] [--duration S]
                    [--codec opus,g722,pcmu,pcma] [--srtp mandatory|best-effort|off|dtls]
                    [--dtmf DIGITS] [--transfer-to URI [--after S]]
                    [--account AOR --password P --proxy URI] [--json]

  --play SOURCE    what we send: a WAV file or tone:HZ (default: silence)
  --record FILE    write the audio we receive to a WAV file
  --duration S     hang up after S seconds connected (default 10)
  --codec LIST     codecs in order of preference (default opus,g722,pcmu,pcma)
  --srtp MODE      mandatory (RTP/SAVP), best-effort (default), off, or dtls (DTLS-SRTP)
  --dtmf DIGITS    send these RFC 4733 digits once connected
  --transfer-to URI  after --after S seconds (default 1) connected, hand the other party
                   to URI (blind transfer, REFER); exit 0 when the transfer succeeds
${natFlagHelp}

Exit 0 when the call was answered and ran; 1 with the reason otherwise.`;

const callOptions = {
  ...commonOptions,
  play: { type: 'string' },
  record: { type: 'string' },
  duration: { type: 'string' },
  codec: { type: 'string' },
  srtp: { type: 'string' },
  ...natFlagOptions,
  dtmf: { type: 'string' },
  'transfer-to': { type: 'string' },
  after: { type: 'string' },
} as const;

export async function callCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: callOptions, strict: true, allowPositionals: true });
  const out = createOutput(values.json);
  if (values.help) {
    out.info(callHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one address to call, e.g. litesip call sip:bob@192.0.2.10');
  const flags = readCommonFlags(values, ['udp:0.0.0.0:0', 'tcp:0.0.0.0:0']);
  const media = { ...readMediaFlags(values), ...readNatFlags(values) };
  const duration = values.duration === undefined ? 10 : Number(values.duration);
  if (!Number.isFinite(duration) || duration <= 0 || duration > 86_400) throw new UsageError(`--duration "${values.duration}" is not a number of seconds`);
  if (values.dtmf !== undefined && !/^[0-9*#A-Da-d]{1,32}$/.test(values.dtmf)) throw new UsageError('--dtmf takes 0-9, *, #, A-D');
  const after = values.after === undefined ? 1 : Number(values.after);
  if (!Number.isFinite(after) || after < 0 || after > 3600) throw new UsageError(`--after "${values.after}" is not a number of seconds`);
  if (values.after !== undefined && values['transfer-to'] === undefined) throw new UsageError('--after goes with --transfer-to');

  const engine = commandEngine(flags, { calls: mediaOptions(media, { recordFile: values.record }) });
  engine.events.onAny((name, payload) => {
    if (out.json && name !== 'app:status') out.event(name, { data: payload }, '');
  });
  try {
    await engine.start();
  } catch (err) {
    out.error((err as Error).message);
    return 1;
  }
  try {
    const dialed = await engine.request('calls:dial', { target: positionals[0] });
    if (!dialed.ok) {
      out.error(dialed.error.message);
      return 1;
    }
    const id = (dialed.value as CallInfo).id;
    const connected = await waitForCall(engine, id, (c) => c.state === 'connected' || c.state === 'ended');
    if (connected.state !== 'connected') {
      out.event('call-failed', { reason: connected.endReason, status: connected.endStatus }, `call failed: ${connected.endReason ?? 'unknown reason'}`);
      return 1;
    }
    out.event('call-connected', { callId: id, codec: connected.codec, encryption: connected.encryption }, `connected (${connected.codec ?? 'no codec'}, ${connected.encryption})`);
    if (values.dtmf) {
      const sent = await engine.request('calls:send-dtmf', { callId: id, digits: values.dtmf });
      if (!sent.ok) {
        out.error(`DTMF not sent: ${sent.error.message}`);
        await engine.request('calls:hangup', { callId: id });
        return 1;
      }
    }
    if (values['transfer-to'] !== undefined) return await transferAfter(engine, out, id, values['transfer-to'], after);
    const ended = await Promise.race([
      waitForCall(engine, id, (c) => c.state === 'ended'),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), duration * 1000)),
    ]);
    if (!ended) await engine.request('calls:hangup', { callId: id });
    const reason = ended ? (ended.endReason ?? 'ended') : 'hung up';
    out.event('call-ended', { callId: id, reason }, `call ended: ${reason}`);
    return 0;
  } finally {
    await engine.stop();
  }
}

/** Resolves with the call's info once `done` holds (it already may). */
function waitForCall(engine: Communicator, id: string, done: (c: CallInfo) => boolean): Promise<CallInfo> {
  return new Promise((resolve) => {
    const off = engine.events.on('calls:changed', (c) => {
      if (c.id === id && done(c)) {
        off();
        resolve(c);
      }
    });
  });
}
