import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { NetNs, requireCommand, sleep } from '../helpers/netns';
import { collectOutput, exitOf } from './peers/child-output';
import { removeDir, scratchDir } from './peers/scratch-dir';
import { cseqMethod, readSipDump } from './peers/sip-dump';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/litesip.js');
const PORT = 25060;
const ALICE = `sip:alice@127.0.0.1:${PORT}`;
const BOB = `sip:bob@127.0.0.1:${PORT}`;

/**
 * Kamailio as a plain registrar and record-routing forking proxy (no presence server): a
 * SUBSCRIBE to an address of record with two registered contacts goes to both (parallel
 * forking by lookup's branches), and sipdump records the wire.
 */
function forkingConfig(dumpDir: string): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
listen=udp:127.0.0.1:${PORT}
alias="127.0.0.1:${PORT}"
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "sipdump.so"
modparam("usrloc", "db_mode", 0)
modparam("sipdump", "enable", 1)
modparam("sipdump", "folder", "${dumpDir}")
modparam("sipdump", "wait", 10000)

request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (!sanity_check("1511", "7")) { exit; }
    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
    if (!is_method("ACK")) {
        if (t_precheck_trans()) { t_check_trans(); exit; }
        t_check_trans();
    }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
        sl_send_reply("404", "Not here"); exit;
    }
    if (is_method("ACK")) { exit; }
    if (is_method("REGISTER")) { if (!save("location")) { sl_reply_error(); } exit; }
    if (is_method("PUBLISH")) { sl_send_reply("501", "Not Implemented"); exit; }
    record_route();
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    t_relay();
}
`;
}

type CliEvent = Record<string, unknown> & { event?: string; data?: Record<string, unknown> };

/** `litesip run --json` in the namespace on a data folder prepared beforehand. */
class Run {
  readonly events: CliEvent[] = [];
  readonly exited: Promise<number | string>;
  constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
  ) {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as CliEvent);
      } catch {
        this.events.push({ event: 'text', line });
      }
    });
    this.exited = exitOf(child);
  }

  async until(what: string, match: (e: CliEvent) => boolean, timeoutMs = 20_000): Promise<CliEvent> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const e = this.events.find(match);
      if (e) return e;
      if (Date.now() > end) throw new Error(`${what} not seen within ${timeoutMs} ms; ${JSON.stringify(this.events.slice(-4))}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    await this.exited;
    removeDir(this.dataDir);
  }
}

describe('a SUBSCRIBE forked by Kamailio to two devices of one address of record (RFC 6665 §4.1.2.4, RFC 3856 §6.9)', () => {
  let ns: NetNs;
  let dir: string;
  let kamailio: ChildProcess;
  let kamailioLog: () => string;
  const runs: Run[] = [];
  let alice: Run;
  let desk: Run;
  let phone: Run;

  const start = (user: string, port: number, prepare: (dataDir: string) => void): Run => {
    const dataDir = scratchDir(user);
    prepare(dataDir);
    const account = `sip:${user}@127.0.0.1:${PORT}`;
    const child = ns.spawn(process.execPath, [CLI, 'run', '--account', account, '--password', 'secret', '--listen', `udp:127.0.0.1:${port}`, '--json', '--data', dataDir], { cwd: ROOT });
    const run = new Run(child, dataDir);
    runs.push(run);
    return run;
  };

  /** A device of bob's that lets alice watch and shows `status` with `note` (its kept presence). */
  const device = (port: number, status: string, note: string): Run =>
    start('bob', port, (dataDir) => {
      const store = openStore(dataDir);
      store.contacts.addPendingWatcher(ALICE);
      store.contacts.setAuthorization(ALICE, 'allowed');
      store.meta.set('presence', JSON.stringify({ status, note }));
      store.close();
    });

  beforeAll(async () => {
    requireCommand('kamailio');
    ns = NetNs.create('lsip-kf');
    dir = scratchDir('kamailio-fork');
    fs.mkdirSync(path.join(dir, 'dump'));
    fs.writeFileSync(path.join(dir, 'kamailio.cfg'), forkingConfig(path.join(dir, 'dump')));
    kamailio = ns.spawn('kamailio', ['-f', path.join(dir, 'kamailio.cfg'), '-P', path.join(dir, 'kamailio.pid'), '-Y', dir, '-w', dir, '-E'], { cwd: dir });
    kamailioLog = collectOutput(kamailio);
    const end = Date.now() + 15_000;
    while (!/127\.0\.0\.1:25060\b/.test(ns.exec('ss', ['-Hlnu']))) {
      if (Date.now() > end) throw new Error(`kamailio did not start:\n${kamailioLog()}`);
      await sleep(100);
    }
    desk = device(25081, 'offline', 'desk off');
    phone = device(25082, 'away', 'on the phone app');
    await Promise.all([desk, phone].map((d) => d.until('registered', (e) => e.event === 'app:status' && (e.data?.registrations as { state: string }[] | undefined)?.[0]?.state === 'registered')));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(runs.map((r) => r.stop()));
    const pid = Number(fs.existsSync(path.join(dir, 'kamailio.pid')) ? fs.readFileSync(path.join(dir, 'kamailio.pid'), 'utf8').trim() : NaN);
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && fs.existsSync(`/proc/${pid}`); i++) await sleep(100);
    }
    await ns?.destroy();
    if (dir) removeDir(dir);
  });

  it('holds one subscription per device and shows the open one; the other device going away leaves the first', async () => {
    alice = start('alice', 25080, (dataDir) => {
      const store = openStore(dataDir);
      store.contacts.addBuddy(BOB, 'Bob');
      store.close();
    });
    const shown = (status: string, note: string, subscription = 'active') => (e: CliEvent) =>
      e.event === 'presence:buddy-changed' && e.data?.uri === BOB && e.data?.status === status && e.data?.note === note && e.data?.subscription === subscription;
    // The phone is open (away), the desk closed: the buddy reads the phone whatever came last.
    await alice.until('bob away from the phone', shown('away', 'on the phone app'));

    const dump = readSipDump(path.join(dir, 'dump'));
    const subscribes = dump.filter((m) => m.tag === 'snd' && m.method === 'SUBSCRIBE');
    expect(new Set(subscribes.map((m) => m.startLine.split(' ')[1]?.replace(/^sip:bob@/, ''))).size).toBe(2);
    // Both devices' NOTIFYs reach alice through the proxy, each with its own tag, and both get 200.
    const notifies = dump.filter((m) => m.tag === 'snd' && m.method === 'NOTIFY' && m.startLine.includes(':25080'));
    const tags = new Set(notifies.map((m) => /;tag=([^;>\s]+)/.exec(m.headers.get('from')?.[0] ?? '')?.[1]));
    expect(tags.size).toBe(2);
    const answers = dump.filter((m) => m.tag === 'rcv' && m.status !== undefined && cseqMethod(m) === 'NOTIFY').map((m) => m.status);
    expect(answers).not.toContain(481);

    // The phone shuts down (NOTIFY terminated): the desk's subscription carries on.
    const before = alice.events.length;
    await phone.stop();
    await alice.until('bob back on the desk', (e) => alice.events.indexOf(e) >= before && shown('offline', 'desk off')(e));
    expect(alice.events.slice(before).some((e) => e.event === 'presence:buddy-changed' && e.data?.subscription === 'terminated')).toBe(false);
  });
});
