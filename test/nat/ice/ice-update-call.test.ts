import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaPathInfo } from '../../../shared/ipc';
import type { Communicator } from '../../../main/engine';
import { dominantFrequency, readWavFile, rmsDbfs } from '../../../main/media/audio';
import { parseSdp } from '../../../main/sdp';
import { startEngine, waitCall } from '../../helpers/engines';
import { tempDir } from '../../helpers/temp-dir';
import { mappingStunServer } from './mapping-stun-server';

/** What a NAT in front of the caller would show (TEST-NET-1, never reachable from here). */
const MAPPED = '192.0.2.7';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every INVITE any engine in this process puts on a UDP socket, by CSeq (retransmissions once). */
let invites: Map<number, string>;
const closers: (() => void)[] = [];

beforeEach(() => {
  invites = new Map();
  const send = dgram.Socket.prototype.send;
  vi.spyOn(dgram.Socket.prototype, 'send').mockImplementation(function (this: dgram.Socket, ...args: unknown[]) {
    const data = args[0];
    const text = Buffer.isBuffer(data) ? data.toString('latin1') : typeof data === 'string' ? data : '';
    const cseq = /^INVITE [^\r\n]+\r\n[\s\S]*?\r\nCSeq:\s*(\d+) INVITE/i.exec(text);
    if (cseq) invites.set(Number(cseq[1]), text);
    return (send as (...a: unknown[]) => void).apply(this, args);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  closers.splice(0).forEach((close) => close());
});

function sdpOf(message: string): ReturnType<typeof parseSdp> {
  return parseSdp(message.slice(message.indexOf('\r\n\r\n') + 4));
}

function expectTone(file: string, tone: number, lastSeconds: number): void {
  const audio = readWavFile(file);
  const samples = audio.samples.subarray(Math.max(0, audio.samples.length - audio.sampleRate * lastSeconds));
  expect(Math.abs(dominantFrequency(samples, audio.sampleRate) - tone)).toBeLessThan(15);
  expect(rmsDbfs(samples)).toBeGreaterThan(-30);
}

async function call(aliceStun: boolean): Promise<{ alice: Communicator; bob: Communicator; callId: string; dir: string; paths: MediaPathInfo[] }> {
  const dir = tempDir();
  let natServers = {};
  if (aliceStun) {
    const stun = await mappingStunServer(MAPPED);
    closers.push(stun.close);
    natServers = { natServers: { stun: { host: '127.0.0.1', port: stun.port } } };
  }
  const bob = await startEngine('bob', { autoAnswerSeconds: 0, ice: true, play: 'tone:880', recordDir: path.join(dir, 'bob') });
  const alice = await startEngine('alice', { ice: true, ...natServers, play: 'tone:440', recordFile: path.join(dir, 'alice.wav') });
  const paths: MediaPathInfo[] = [];
  alice.events.on('calls:media-path', (p) => paths.push(p));
  const connected = waitCall(alice, (c) => c.state === 'connected');
  expect((await alice.request('calls:dial', { target: bob.status().identity })).ok).toBe(true);
  const info = await connected;
  return { alice, bob, callId: info.id, dir, paths };
}

async function hangUp(alice: Communicator, bob: Communicator, callId: string): Promise<void> {
  const ended = waitCall(bob, (c) => c.state === 'ended');
  expect((await alice.request('calls:hangup', { callId })).ok).toBe(true);
  await ended;
  await sleep(200);
}

describe('a call whose ICE default candidate is not the selected one is updated by re-INVITE (RFC 8839 §4.3.4)', () => {
  it('the caller offered its server-reflexive address; after nomination a re-INVITE carries the host pair, no ICE restart, tones both ways', async () => {
    const { alice, bob, callId, dir, paths } = await call(true);
    await sleep(2500);
    const sent = [...invites.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
    expect(sent).toHaveLength(2);
    const [initial, update] = sent.map(sdpOf) as [ReturnType<typeof parseSdp>, ReturnType<typeof parseSdp>];
    // the initial INVITE's default was the server-reflexive candidate
    expect(initial.connection?.address).toBe(MAPPED);
    // the re-INVITE (in the dialog: To has a tag) names the selected host candidate alone, same credentials
    expect(sent[1]).toMatch(/\r\nTo:[^\r\n]*;tag=/i);
    const pair = paths.at(-1)?.candidatePair;
    expect(pair?.localType).toBe('host');
    const m = update.media[0]!;
    expect(`${update.connection?.address}:${m.port}`).toBe(pair?.local);
    expect(m.ice?.candidates).toHaveLength(1);
    expect(m.ice?.candidates[0]?.type).toBe('host');
    expect(m.ice?.ufrag).toBe(initial.media[0]!.ice?.ufrag);
    expect(m.ice?.pwd).toBe(initial.media[0]!.ice?.pwd);
    // the pair chosen before the update still carries media after it
    expect(paths.every((p) => !p.candidatePair || p.candidatePair.local === pair?.local)).toBe(true);
    expect(paths.some((p) => p.ice === 'failed')).toBe(false);
    expect(paths.at(-1)?.ice).toBe('connected');
    await hangUp(alice, bob, callId);
    expectTone(path.join(dir, 'alice.wav'), 880, 1.5);
    const bobFile = fs.readdirSync(path.join(dir, 'bob'))[0]!;
    expectTone(path.join(dir, 'bob', bobFile), 440, 1.5);
  });

  it('the callee holds while the update is due (glare, RFC 3261 §14.1): whatever the order, the last SDP the caller sent names the selected pair', async () => {
    const dir = tempDir();
    const stun = await mappingStunServer(MAPPED);
    closers.push(stun.close);
    const bob = await startEngine('bob', { autoAnswerSeconds: 0, ice: true, play: 'tone:880', recordDir: path.join(dir, 'bob') });
    const alice = await startEngine('alice', { ice: true, natServers: { stun: { host: '127.0.0.1', port: stun.port } }, play: 'tone:440', recordFile: path.join(dir, 'alice.wav') });
    const paths: MediaPathInfo[] = [];
    alice.events.on('calls:media-path', (p) => paths.push(p));
    // every SDP body put on the wire, in order
    const bodies: string[] = [];
    const spied = vi.mocked(dgram.Socket.prototype.send);
    const recordBodies = (): void => {
      bodies.length = 0;
      for (const [data] of spied.mock.calls) {
        const text = Buffer.isBuffer(data) ? data.toString('latin1') : '';
        if (/^(INVITE |SIP\/2\.0 200)/.test(text) && /\r\nCSeq:\s*\d+ INVITE/i.test(text) && text.includes('\r\n\r\nv=0')) bodies.push(text.slice(text.indexOf('\r\n\r\nv=0') + 4));
      }
    };
    const bobConnected = waitCall(bob, (c) => c.state === 'connected');
    expect((await alice.request('calls:dial', { target: bob.status().identity })).ok).toBe(true);
    const bobCall = await bobConnected;
    // either may meet the other's offer in progress (491, or refused while pending): the outcome must not depend on it
    await bob.request('calls:hold', { callId: bobCall.id });
    await bob.request('calls:resume', { callId: bobCall.id });
    await sleep(6000);
    recordBodies();
    const aliceUfrag = parseSdp(bodies[0]!).media[0]!.ice!.ufrag;
    const fromAlice = bodies.map(parseSdp).filter((d) => d.media[0]?.ice?.ufrag === aliceUfrag);
    const last = fromAlice.at(-1)!;
    const pair = paths.at(-1)?.candidatePair;
    expect(pair?.localType).toBe('host');
    expect(`${last.connection?.address}:${last.media[0]!.port}`).toBe(pair?.local);
    expect(paths.at(-1)?.ice).toBe('connected');
    const ended = waitCall(alice, (c) => c.state === 'ended');
    expect((await bob.request('calls:hangup', { callId: bobCall.id })).ok).toBe(true);
    await ended;
    await sleep(200);
    expectTone(path.join(dir, 'alice.wav'), 880, 1.5);
  });

  it('the default already is the selected candidate: no re-INVITE', async () => {
    const { alice, bob, callId, paths } = await call(false);
    await sleep(2500);
    expect(paths.some((p) => p.ice === 'connected')).toBe(true);
    expect([...invites.keys()]).toHaveLength(1);
    await hangUp(alice, bob, callId);
  });
});
