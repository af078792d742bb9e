import { createHash } from 'node:crypto';

export interface KamailioUser {
  name: string;
  password: string;
}

export interface KamailioConfigOptions {
  /** Folder of the db_text tables. */
  dbDir: string;
  /** Folder sipdump writes every message received and sent into. */
  dumpDir: string;
  address: string;
  port: number;
  /** Registrar's upper bound for a binding's lifetime (RFC 3261 §10.3 step 7). */
  maxExpires: number;
  /** Also listen for TLS on this port, with the tls module configured by this file. */
  tls?: { port: number; configFile: string };
}

/** The tls module's own file: our certificate as a server; peers' certificates are not asked for. */
export function kamailioTlsConfig(o: { certPath: string; keyPath: string; caPath: string }): string {
  return `[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = ${o.keyPath}
certificate = ${o.certPath}
ca_list = ${o.caPath}

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
`;
}

/**
 * A registrar and proxy with digest auth from db_text (401 for REGISTER, 407 for other initial
 * requests), Record-Route, presence, and sipdump recording the wire (PEERS.md §2.3 plus sipdump
 * and max_expires).
 */
export function kamailioConfig(o: KamailioConfigOptions): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
listen=udp:${o.address}:${o.port}
listen=tcp:${o.address}:${o.port}
alias="${o.address}:${o.port}"${o.tls ? `
enable_tls=yes
listen=tls:${o.address}:${o.tls.port}
alias="${o.address}:${o.tls.port}"` : ''}
#!define DBURL "text://${o.dbDir}"
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"${o.tls ? `
loadmodule "tls.so"
modparam("tls", "config", "${o.tls.configFile}")` : ''}
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
loadmodule "presence.so"
loadmodule "presence_xml.so"
loadmodule "sipdump.so"
modparam("usrloc", "db_mode", 0)
modparam("registrar", "max_expires", ${o.maxExpires})
modparam("auth_db", "db_url", DBURL)
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "")
modparam("presence", "db_url", DBURL)
modparam("presence", "server_address", "sip:${o.address}:${o.port}")
modparam("presence_xml", "db_url", DBURL)
modparam("presence_xml", "force_active", 1)
modparam("sipdump", "enable", 1)
modparam("sipdump", "folder", "${o.dumpDir}")
modparam("sipdump", "wait", 10000)

request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (!sanity_check("1511", "7")) { exit; }
    xlog("L_INFO", "REQ $rm $ru from $fu ($si:$sp)\\n");
    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
    if (!is_method("ACK")) {
        if (t_precheck_trans()) { t_check_trans(); exit; }
        t_check_trans();
    }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
        if (is_method("SUBSCRIBE")) { route(PRESENCE); exit; }
        sl_send_reply("404", "Not here"); exit;
    }
    if (is_method("ACK")) { exit; }
    # digest auth for every initial request (REGISTER: 401, others: 407)
    if (!auth_check("$fd", "subscriber", "1")) { auth_challenge("$fd", "0"); exit; }
    consume_credentials();
    if (is_method("REGISTER")) { if (!save("location")) { sl_reply_error(); } exit; }
    if (is_method("PUBLISH|SUBSCRIBE")) { route(PRESENCE); exit; }
    record_route();
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    t_relay();
}
route[PRESENCE] {
    if (!t_newtran()) { sl_reply_error(); exit; }
    if (is_method("PUBLISH")) { handle_publish(); t_release(); }
    else if (is_method("SUBSCRIBE")) { handle_subscribe(); t_release(); }
    exit;
}
`;
}

/**
 * Rows for db_text's subscriber table. db_text refuses empty ha1/ha1b, so both are filled:
 * ha1 = MD5(user:realm:password), ha1b = MD5(user@domain:realm:password) (RFC 2617 §3.2.2.2).
 */
export function subscriberRows(users: readonly KamailioUser[], domain: string): string {
  const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
  return users
    .map((u, i) => `${i + 1}:${u.name}:${domain}:${u.password}:${md5(`${u.name}:${domain}:${u.password}`)}:${md5(`${u.name}@${domain}:${domain}:${u.password}`)}\n`)
    .join('');
}
