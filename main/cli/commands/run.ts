import { parseArgs } from 'node:util';
import { AudioDevice } from '../../engine';
import { commandEngine } from '../command-engine';
import { commonOptions, readCommonFlags } from '../common-flags';
import type { Output } from '../output';
import { createOutput } from '../output';
import { waitForShutdownSignal } from '../shutdown';
import { eventDescriber } from '../describe-event';
import { UsageError } from '../usage-error';
import { mediaOptions, natFlagHelp, natFlagOptions, readMediaFlags, readNatFlags } from '../media-flags';
import { findRendererDir, WebBridge } from '../web';

export const runHelp = `litesip run — stay up as a user agent

Usage: litesip run [--listen udp|tcp|tls:HOST:PORT]... [--user NAME] [--data DIR] [--auto-answer S]
                   [--play SOURCE] [--record DIR] [--web PORT] [--json]

  --listen SPEC   where to listen for SIP (repeatable; default udp:0.0.0.0:5060)
  --user NAME     user part of the local identity (default: litesip)
  --account AOR   register as sip:user@domain (with --password, --proxy sip:HOST:PORT)
  --data DIR      data folder (default: the desktop app's)
  --tls-cert FILE --tls-key FILE
                  certificate chain and key (PEM) for tls: listeners
  --tls-ca FILE   CAs (PEM) trusted for TLS servers we connect to (default: the system's)
  --auto-answer S answer incoming calls after S seconds (0: at once)
  --max-calls N   calls at once before more get 486 Busy Here (default 4)
  --play SOURCE   what answered calls send: FILE.wav, tone:HZ or silence
  --record DIR    record each call's received audio to DIR/call-<start ms>-<n>.wav
  --codec LIST    codecs in order of preference (opus,g722,pcmu,pcma)
  --srtp MODE     mandatory, best-effort (default), off, or dtls (DTLS-SRTP); all but off answer DTLS-SRTP calls
${natFlagHelp}
  --web PORT      serve the UI on http://127.0.0.1:PORT (0 = any free port); needs
                  a built renderer (npm run build); the printed URL carries its token
  --json          one JSON event per line on stdout

Stops cleanly on SIGINT or SIGTERM.`;

const runOptions = {
  ...commonOptions,
  web: { type: 'string' },
  'auto-answer': { type: 'string' },
  'max-calls': { type: 'string' },
  play: { type: 'string' },
  record: { type: 'string' },
  codec: { type: 'string' },
  srtp: { type: 'string' },
  ...natFlagOptions,
} as const;

function readWebPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--web "${text}" is not a port (0-65535)`);
  return Number(text);
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: runOptions, strict: true, allowPositionals: false });
  const out: Output = createOutput(values.json);
  if (values.help) {
    out.info(runHelp);
    return 0;
  }
  const flags = readCommonFlags(values, ['udp:0.0.0.0:5060']);
  const webPort = readWebPort(values.web);
  const autoAnswer = values['auto-answer'];
  if (autoAnswer !== undefined && !/^\d{1,5}(\.\d+)?$/.test(autoAnswer)) throw new UsageError(`--auto-answer "${autoAnswer}" is not a number of seconds`);
  const maxCalls = values['max-calls'];
  if (maxCalls !== undefined && (!/^\d{1,5}$/.test(maxCalls) || Number(maxCalls) < 1)) throw new UsageError(`--max-calls "${maxCalls}" is not a number of calls`);
  const calls = mediaOptions({ ...readMediaFlags(values), ...readNatFlags(values) }, {
    maxCalls: maxCalls === undefined ? undefined : Number(maxCalls),
    recordDir: values.record,
    autoAnswerSeconds: autoAnswer === undefined ? undefined : Number(autoAnswer),
  });
  const rendererDir = webPort === undefined ? undefined : findRendererDir();
  if (webPort !== undefined && !rendererDir) {
    out.error('the web UI is not built; run "npm run build" first');
    return 1;
  }
  // The web UI talks through the browser's microphone and speaker; without one connected, calls stay headless.
  const device = webPort === undefined ? undefined : new AudioDevice();
  const engine = commandEngine(flags, { calls: device ? { ...calls, device } : calls });
  device?.follow(engine.events);
  const describe = eventDescriber();
  engine.events.onAny((name, payload) => {
    if (out.json) out.event(name, { data: payload }, '');
    else {
      const line = describe(name, payload);
      if (line) out.info(line);
    }
  });
  try {
    await engine.start();
  } catch (err) {
    out.error((err as Error).message);
    return 1;
  }
  let web: WebBridge | undefined;
  if (webPort !== undefined && rendererDir) {
    try {
      web = await WebBridge.start({ engine, rendererDir, port: webPort, ...(device ? { audio: device } : {}) });
    } catch (err) {
      out.error(`cannot serve the web UI on 127.0.0.1:${webPort}: ${(err as Error).message}`);
      await engine.stop();
      return 1;
    }
  }
  const status = engine.status();
  out.event(
    'ready',
    {
      version: status.version,
      identity: status.identity,
      listening: status.listening,
      dataDir: flags.dataDir,
      ...(web ? { web: web.url } : {}),
    },
    `LiteSIP ${status.version} ready as ${status.identity}\n` +
      status.listening.map((l) => `  listening on ${l.transport} ${l.host}:${l.port}`).join('\n') +
      (web ? `\n  web UI at ${web.url}` : ''),
  );
  const signal = await waitForShutdownSignal();
  await web?.close();
  await engine.stop();
  out.event('stopped', { signal }, `stopped (${signal})`);
  return 0;
}
