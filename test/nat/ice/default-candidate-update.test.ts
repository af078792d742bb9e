import { afterEach, describe, expect, it } from 'vitest';
import { dominantFrequency, toneDbfs } from '../../../main/media/audio';
import { parseSdp } from '../../../main/sdp';
import { callPair, expectTone, sleep, waitUntil, type Side } from '../../media/session/call-pair';
import { mappingStunServer } from './mapping-stun-server';

/** What a NAT in front of the offerer would show (TEST-NET-1 is never reachable from here). */
const MAPPED = '192.0.2.7';

const servers: { close: () => void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function stunIce(): Promise<{ ice: { enabled: true; servers: { stun: { host: string; port: number } } } }> {
  const stun = await mappingStunServer(MAPPED);
  servers.push(stun);
  return { ice: { enabled: true, servers: { stun: { host: '127.0.0.1', port: stun.port } } } };
}

function hearsEachOther(a: Side, b: Side): void {
  expectTone(a.received.tail(400), b.tone, { dominantFrequency, toneDbfs });
  expectTone(b.received.tail(400), a.tone, { dominantFrequency, toneDbfs });
}

describe('after nomination the controlling side moves c=/m= to the selected candidate (RFC 8839 §4.3.4)', () => {
  it('the default was server-reflexive, a host pair got selected: one re-offer with the host candidate only, same credentials, media keeps flowing', async () => {
    let offer = '';
    let stale = 0;
    const { a, b } = await callPair({ a: await stunIce(), b: { ice: { enabled: true } } }, { offer: (s) => (offer = s) });
    a.session.onDefaultCandidateStale(() => stale++);
    // the initial offer's default is the server-reflexive candidate
    const first = parseSdp(offer);
    expect(first.connection?.address).toBe(MAPPED);
    expect(first.media[0]!.ice!.candidates.map((c) => c.type).sort()).toEqual(['host', 'srflx']);
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected' && b.session.mediaPath().ice?.state === 'connected', 5000);
    const selected = a.session.mediaPath().ice!.selected!;
    expect(selected.local).toMatchObject({ type: 'host', address: '127.0.0.1' });
    // RFC 8445 §7.2.5.3.2: the peer saw our checks come from the host candidate itself (no NAT here)
    expect(selected.mappedLocal).toEqual(selected.local);
    await waitUntil(() => stale === 1, 2000);

    const update = a.session.createIceUpdateOffer();
    expect(update).toBeDefined();
    const sdp = parseSdp(update!);
    const m = sdp.media[0]!;
    expect(sdp.connection?.address).toBe('127.0.0.1');
    expect(m.port).toBe(selected.local.port);
    // RFC 8839 §4.4.1.2.2: the selected local candidate alone; same ufrag/pwd, so no ICE restart
    expect(m.ice!.candidates).toHaveLength(1);
    expect(m.ice!.candidates[0]).toMatchObject({ type: 'host', address: '127.0.0.1', port: selected.local.port });
    expect(m.ice!.ufrag).toBe(first.media[0]!.ice!.ufrag);
    expect(m.ice!.pwd).toBe(first.media[0]!.ice!.pwd);

    // an offer whose answer never came changes nothing: the update is still due
    expect(a.session.createIceUpdateOffer()).toBeDefined();
    const bUfrag = parseSdp(b.session.createOffer()).media[0]!.ice!.ufrag;
    const answer = b.session.createAnswer(update!);
    if (!answer.ok) throw answer.error;
    expect(parseSdp(answer.sdp).media[0]!.ice!.ufrag).toBe(bUfrag);
    expect(a.session.applyAnswer(answer.sdp).ok).toBe(true);
    // nothing more to update, and the running pair is kept on both sides
    expect(a.session.createIceUpdateOffer()).toBeUndefined();
    await sleep(1200);
    expect(a.session.mediaPath().ice).toMatchObject({ state: 'connected', selected });
    expect(b.session.mediaPath().ice?.state).toBe('connected');
    expect(stale).toBe(1);
    hearsEachOther(a, b);
  });

  it('the default already is the selected candidate: no re-offer is due', async () => {
    let stale = 0;
    const { a, b } = await callPair({ ice: { enabled: true } });
    a.session.onDefaultCandidateStale(() => stale++);
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected', 5000);
    await sleep(1000);
    expect(a.session.createIceUpdateOffer()).toBeUndefined();
    expect(stale).toBe(0);
    hearsEachOther(a, b);
  });

  it('the controlled side never sends one, even when its default differs from the selected pair', async () => {
    let stale = 0;
    const { a, b } = await callPair({ a: { ice: { enabled: true } }, b: await stunIce() });
    b.session.onDefaultCandidateStale(() => stale++);
    await waitUntil(() => b.session.mediaPath().ice?.state === 'connected', 5000);
    expect(b.session.mediaPath().ice?.selected?.local).toMatchObject({ type: 'host' });
    await sleep(300);
    expect(b.session.createIceUpdateOffer()).toBeUndefined();
    expect(a.session.createIceUpdateOffer()).toBeUndefined();
    expect(stale).toBe(0);
  });

  it('on hold no update offer is made (the resume re-offer carries the selected candidate)', async () => {
    const { a, b } = await callPair({ a: await stunIce(), b: { ice: { enabled: true } } });
    await waitUntil(() => a.session.mediaPath().ice?.state === 'connected', 5000);
    const answered = b.session.createAnswer(a.session.hold());
    if (!answered.ok) throw answered.error;
    expect(a.session.applyAnswer(answered.sdp).ok).toBe(true);
    expect(a.session.createIceUpdateOffer()).toBeUndefined();
    const resume = a.session.resume();
    expect(parseSdp(resume).connection?.address).toBe('127.0.0.1');
    expect(a.session.createIceUpdateOffer()).toBeUndefined();
  });
});
