import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { requireCommand, sleep, type NetNs } from '../../helpers/netns';
import { subscriberRows, type KamailioUser } from '../../interop/peers/kamailio-config';

const DBTEXT_SCHEMA = '/usr/share/kamailio/dbtext/kamailio';

/** Where hosts register and send calls: kamailio on the public side. */
export interface RegistrarInfo {
  readonly address: string;
  readonly port: number;
  /** The SIP domain of the lab's accounts (the registrar's address). */
  readonly domain: string;
}

/**
 * Kamailio as registrar and proxy on `pub`, with the NAT handling a hosted registrar does
 * (nathelper): rport (RFC 3581), REGISTER Contacts replaced by the address the request came
 * from, Contacts of dialog-forming requests and responses fixed the same way, Record-Route.
 */
export function labRegistrarConfig(o: { dbDir: string; address: string; port: number }): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
tcp_connection_lifetime=3605
dns=no
rev_dns=no
listen=udp:${o.address}:${o.port}
listen=tcp:${o.address}:${o.port}
alias="${o.address}:${o.port}"
#!define DBURL "text://${o.dbDir}"
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "db_text.so"
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
loadmodule "auth.so"
loadmodule "auth_db.so"
loadmodule "nathelper.so"
modparam("usrloc", "db_mode", 0)
modparam("auth_db", "db_url", DBURL)
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "")
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "received_avp", "$avp(RECEIVED)")

request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (!sanity_check("1511", "7")) { exit; }
    force_rport();
    # private Contact, or Via not where the request came from: the sender is behind a NAT
    if (nat_uac_test("19")) {
        if (is_method("REGISTER")) { fix_nated_register(); }
        else if (is_method("INVITE|UPDATE")) { fix_nated_contact(); }
    }
    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
    if (!is_method("ACK")) {
        if (t_precheck_trans()) { t_check_trans(); exit; }
        t_check_trans();
    }
    if (has_totag()) {
        if (loose_route()) { t_on_reply("NAT"); t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
        sl_send_reply("404", "Not here"); exit;
    }
    if (is_method("ACK")) { exit; }
    if (!auth_check("$fd", "subscriber", "1")) { auth_challenge("$fd", "0"); exit; }
    consume_credentials();
    if (is_method("REGISTER")) { if (!save("location")) { sl_reply_error(); } exit; }
    record_route();
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    t_on_reply("NAT");
    t_relay();
}
onreply_route[NAT] {
    if (nat_uac_test("19")) { fix_nated_contact(); }
}
`;
}

/** Kamailio in `pub`, daemonized, stopped by the PID in its pidfile (and the namespace's teardown). */
export class LabRegistrar {
  private log = '';

  private constructor(
    readonly info: RegistrarInfo,
    private readonly pidFile: string,
    launcher: ChildProcess,
  ) {
    const keep = (d: Buffer): void => {
      this.log = (this.log + d.toString()).slice(-20_000);
    };
    launcher.stdout?.on('data', keep);
    launcher.stderr?.on('data', keep);
  }

  static async start(pub: NetNs, dir: string, address: string, users: readonly KamailioUser[], timeoutMs = 30_000): Promise<LabRegistrar> {
    requireCommand('kamailio');
    if (!fs.existsSync(DBTEXT_SCHEMA)) throw new Error(`kamailio's db_text schema is missing (${DBTEXT_SCHEMA}); run scripts/install-peers.sh as root`);
    const home = path.join(dir, 'kamailio');
    const dbDir = path.join(home, 'db');
    const runDir = path.join(home, 'run');
    fs.mkdirSync(runDir, { recursive: true });
    fs.cpSync(DBTEXT_SCHEMA, dbDir, { recursive: true });
    fs.appendFileSync(path.join(dbDir, 'subscriber'), subscriberRows(users, address));
    const cfg = path.join(home, 'kamailio.cfg');
    const port = 5060;
    fs.writeFileSync(cfg, labRegistrarConfig({ dbDir, address, port }));
    const pidFile = path.join(runDir, 'kamailio.pid');
    const launcher = pub.spawn('kamailio', ['-f', cfg, '-P', pidFile, '-Y', runDir, '-w', runDir, '-E'], { cwd: home });
    const registrar = new LabRegistrar({ address, port, domain: address }, pidFile, launcher);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const sockets = pub.exec('ss', ['-Hlun']);
      if (sockets.includes(`${address}:${port}`)) return registrar;
      await sleep(50);
    }
    await registrar.stop();
    throw new Error(`kamailio did not listen on ${address}:${port} within ${timeoutMs} ms:\n${registrar.log}`);
  }

  get output(): string {
    return this.log;
  }

  async stop(): Promise<void> {
    try {
      const pid = Number(fs.readFileSync(this.pidFile, 'utf8').trim());
      if (pid > 0) process.kill(pid, 'SIGTERM');
    } catch {
      // not running
    }
    await sleep(100);
  }
}
