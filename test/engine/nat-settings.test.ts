import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Communicator } from '../../main/engine';
import { answerBindingRequest } from '../../main/nat/stun';
import { DATABASE_FILE, exportArchive, importArchive, openStore } from '../../main/store';
import { TURN_PASSWORD_SECRET, type Settings } from '../../shared/ipc';
import { tempDir } from '../helpers/temp-dir';

const PASSWORD = 'Tr0ub4dor&3-turn-secret';
const sockets: dgram.Socket[] = [];

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

async function bound(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** A STUN server on 127.0.0.1 that maps every client to `publicAddress` (as a NAT in front of it would). */
async function stunResponder(publicAddress: string): Promise<number> {
  const socket = await bound();
  socket.on('message', (data, rinfo) => {
    const answer = answerBindingRequest(data, { address: publicAddress, port: rinfo.port, family: 'IPv4' });
    if (answer) socket.send(answer, rinfo.port, rinfo.address);
  });
  return socket.address().port;
}

/** A SIP peer that reads the INVITE on the wire and answers 486, returning the offer SDP. */
async function rawCallee(): Promise<{ port: number; nextOffer: () => Promise<string> }> {
  const socket = await bound();
  const offers: string[] = [];
  const waiting: ((sdp: string) => void)[] = [];
  socket.on('message', (data, rinfo) => {
    const text = data.toString('utf8');
    if (!text.startsWith('INVITE ')) return;
    const [head = '', body = ''] = text.split('\r\n\r\n', 2);
    const copy = head.split('\r\n').filter((l) => /^(via|from|to|call-id|cseq):/i.test(l));
    const response = ['SIP/2.0 486 Busy Here', ...copy.map((l) => (/^to:/i.test(l) ? `${l};tag=raw1` : l)), 'Content-Length: 0', '', ''].join('\r\n');
    socket.send(response, rinfo.port, rinfo.address);
    // retransmissions of the same INVITE are answered again but counted once
    if (offers.includes(body)) return;
    offers.push(body);
    waiting.shift()?.(body);
  });
  let read = 0;
  return {
    port: socket.address().port,
    nextOffer: () =>
      new Promise((resolve, reject) => {
        const i = read++;
        if (offers[i] !== undefined) return resolve(offers[i]);
        const timer = setTimeout(() => reject(new Error('no INVITE arrived')), 10_000);
        waiting.push((sdp) => {
          clearTimeout(timer);
          resolve(sdp);
        });
      }),
  };
}

/** A SIP peer that answers 200 with plain addressing (no ICE) to a port that never sends media. */
async function silentCallee(): Promise<number> {
  const socket = await bound();
  const rtp = await bound();
  socket.on('message', (data, rinfo) => {
    const text = data.toString('utf8');
    const [head = '', offer = ''] = text.split('\r\n\r\n', 2);
    const copy = head.split('\r\n').filter((l) => /^(via|from|to|call-id|cseq):/i.test(l));
    if (text.startsWith('BYE ')) {
      socket.send(['SIP/2.0 200 OK', ...copy, 'Content-Length: 0', '', ''].join('\r\n'), rinfo.port, rinfo.address);
      return;
    }
    if (!text.startsWith('INVITE ')) return;
    const m = /^m=audio \d+ (\S+)/m.exec(offer)?.[1] ?? 'RTP/AVP';
    const crypto = /^a=crypto:.*$/m.exec(offer)?.[0];
    const sdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${rtp.address().port} ${m} 0`, 'a=rtpmap:0 PCMU/8000', 'a=rtcp-mux', ...(crypto ? [crypto] : []), 'a=sendrecv', ''].join('\r\n');
    const response = [
      'SIP/2.0 200 OK',
      ...copy.map((l) => (/^to:/i.test(l) ? `${l};tag=raw2` : l)),
      `Contact: <sip:bob@127.0.0.1:${socket.address().port}>`,
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(sdp)}`,
      '',
      sdp,
    ].join('\r\n');
    socket.send(response, rinfo.port, rinfo.address);
  });
  return socket.address().port;
}

const engines: Communicator[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

async function engine(dataDir = tempDir(), calls = {}): Promise<Communicator> {
  const e = new Communicator({ dataDir, listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }], user: 'alice', features: { calls } });
  engines.push(e);
  await e.start();
  return e;
}

async function settings(e: Communicator, patch: unknown): Promise<Settings> {
  const r = await e.request('settings:update', patch);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Settings;
}

function candidates(sdp: string): string[] {
  return sdp.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'));
}

describe('NAT settings', () => {
  it('keeps the TURN password sealed: never returned, never in plain text on disk', async () => {
    const dir = tempDir();
    const e = await engine(dir);
    const changed: Settings[] = [];
    e.events.on('settings:changed', (s) => changed.push(s));
    const saved = await settings(e, { nat: { turn: { uri: 'turn:turn.example.org:3478?transport=tcp', username: 'alice', password: PASSWORD } } });
    expect(saved.nat).toEqual({ ice: true, stunServers: [], turn: { uri: 'turn:turn.example.org:3478?transport=tcp', username: 'alice', hasPassword: true } });
    const got = await e.request('settings:get', undefined);
    expect(got).toMatchObject({ ok: true, value: { nat: { turn: { hasPassword: true } } } });
    for (const value of [saved, got, changed[0]]) expect(JSON.stringify(value)).not.toContain(PASSWORD);

    // a change without a password keeps it; turn: null removes server and password
    expect((await settings(e, { nat: { turn: { uri: 'turn:turn.example.org', username: 'bob' } } })).nat.turn).toEqual({ uri: 'turn:turn.example.org', username: 'bob', hasPassword: true });
    await e.stop();

    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
    const secrets = db.prepare<[], { key: string; value: Buffer }>('SELECT key, value FROM secrets').all();
    db.close();
    expect(rows.find((r) => r.key === 'nat')?.value).toBe(JSON.stringify({ ice: true, stunServers: [], turn: { uri: 'turn:turn.example.org', username: 'bob' } }));
    expect(secrets.map((s) => s.key)).toEqual([TURN_PASSWORD_SECRET]);
    for (const file of fs.readdirSync(dir)) {
      const bytes = fs.statSync(path.join(dir, file)).isFile() ? fs.readFileSync(path.join(dir, file)) : Buffer.alloc(0);
      expect(bytes.includes(Buffer.from(PASSWORD)), file).toBe(false);
    }

    const again = await engine(dir);
    expect((await settings(again, { nat: { turn: null } })).nat).toEqual({ ice: true, stunServers: [] });
  });

  it('refuses bad servers with a message naming the field', async () => {
    const e = await engine();
    const bad = [
      [{ nat: { stunServers: ['stun.example.org:99999'] } }, /nat\.stunServers\.0: has a port outside/],
      [{ nat: { stunServers: ['not a host'] } }, /nat\.stunServers\.0: is not HOST\[:PORT\]/],
      [{ nat: { stunServers: ['a.example:3478', 'A.example:3478'] } }, /same STUN server twice/],
      [{ nat: { turn: { uri: 'turns:turn.example.org:5349', username: 'a', password: 'p' } } }, /TURN over TLS/],
      [{ nat: { turn: { uri: 'turn:turn.example.org?transport=sctp', username: 'a' } } }, /nat\.turn\.uri: is not turn:HOST/],
      [{ nat: { turn: { uri: 'turn:turn.example.org', username: '' } } }, /nat\.turn\.username: TURN needs a username/],
      [{ nat: { turn: { uri: 'turn:turn.example.org', username: 'a', password: '' } } }, /empty TURN password/],
      [{ nat: { turn: { uri: 'turn:turn.example.org', username: 'a', hasPassword: true } } }, /nat\.turn/],
    ] as const;
    for (const [patch, message] of bad) {
      const r = await e.request('settings:update', patch);
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    expect(await e.request('settings:get', undefined)).toMatchObject({ ok: true, value: { nat: { ice: true, stunServers: [] } } });
  });

  it('the next call gathers from the STUN server set in the settings, and offers no candidates with ICE off', async () => {
    const stunPort = await stunResponder('203.0.113.7');
    const peer = await rawCallee();
    const e = await engine();
    const target = `sip:bob@127.0.0.1:${peer.port}`;

    await e.request('calls:dial', { target });
    const plain = candidates(await peer.nextOffer());
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.some((c) => c.includes(' typ srflx'))).toBe(false);

    await settings(e, { nat: { stunServers: [`127.0.0.1:${stunPort}`] } });
    await e.request('calls:dial', { target });
    const offer = await peer.nextOffer();
    expect(candidates(offer).find((c) => c.includes(' typ srflx'))).toMatch(/ 203\.0\.113\.7 \d+ typ srflx raddr 127\.0\.0\.1 rport \d+/);

    await settings(e, { nat: { ice: false } });
    await e.request('calls:dial', { target });
    const noIce = await peer.nextOffer();
    expect(candidates(noIce)).toEqual([]);
    expect(noIce).not.toMatch(/a=ice-ufrag/);
  });

  it('a missing-media diagnosis names the TURN server the settings could not use', async () => {
    const port = await silentCallee();
    const e = await engine();
    await settings(e, { nat: { ice: false, turn: { uri: 'turn:turn.example.org', username: 'alice' } } });
    const diagnosed = new Promise<string>((resolve) => e.events.on('calls:media-path', (p) => p.diagnosis && resolve(p.diagnosis)));
    expect((await e.request('calls:dial', { target: `sip:bob@127.0.0.1:${port}` })).ok).toBe(true);
    expect(await diagnosed).toMatch(/^no media from peer: .*\(TURN server turn:turn\.example\.org is not used: it has no password\)$/);
  }, 15_000);

  it('the engine flags win over the settings', async () => {
    const fromSettings = await stunResponder('203.0.113.7');
    const fromFlags = await stunResponder('198.51.100.9');
    const peer = await rawCallee();
    const e = await engine(tempDir(), { natServers: { stun: { host: '127.0.0.1', port: fromFlags } } });
    await settings(e, { nat: { ice: true, stunServers: [`127.0.0.1:${fromSettings}`] } });
    await e.request('calls:dial', { target: `sip:bob@127.0.0.1:${peer.port}` });
    const srflx = candidates(await peer.nextOffer()).filter((c) => c.includes(' typ srflx'));
    expect(srflx.join('\n')).toMatch(/ 198\.51\.100\.9 /);
    expect(srflx.join('\n')).not.toMatch(/203\.0\.113\.7/);
  });

  it('export with a passphrase carries the sealed TURN password to the imported store', async () => {
    const dir = tempDir();
    const e = await engine(dir);
    await settings(e, { nat: { stunServers: ['stun.example.org'], turn: { uri: 'turn:turn.example.org', username: 'alice', password: PASSWORD } } });
    await e.stop();
    const store = openStore(dir);
    const file = path.join(tempDir(), 'backup.litesip');
    exportArchive(store, file, { passphrase: 'correct horse' });
    store.close();
    expect(fs.readFileSync(file).includes(Buffer.from(PASSWORD))).toBe(false);

    const target = path.join(tempDir(), 'restored');
    expect(importArchive(file, target, { passphrase: 'correct horse' })).toMatchObject({ secretsImported: 1 });
    const restored = openStore(target);
    expect(restored.settings.load().nat).toEqual({ ice: true, stunServers: ['stun.example.org'], turn: { uri: 'turn:turn.example.org', username: 'alice', hasPassword: true } });
    expect(restored.secrets.get(TURN_PASSWORD_SECRET)).toBe(PASSWORD);
    restored.close();
  });
});
