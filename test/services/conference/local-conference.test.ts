import { describe, expect, it } from 'vitest';
import { SilenceSource, ToneSource, type AudioSource } from '../../../main/media/audio';
import type { MixerPort } from '../../../main/media/mixer';
import { ConferenceError, LocalConference, MAX_CONFERENCE_PARTIES, type ConferenceMember } from '../../../main/services/conference';
import { VirtualClock } from '../../helpers/virtual-clock';

class Member implements ConferenceMember {
  port: MixerPort | undefined;
  constructor(readonly localSource: AudioSource = new SilenceSource()) {}
  routeAudio(port: MixerPort | undefined): void {
    this.port = port;
  }
}

describe('LocalConference', () => {
  it('routes each call through the mixer and gives its audio back when it leaves', () => {
    const clock = new VirtualClock();
    const conf = new LocalConference(clock);
    const a = new Member(new ToneSource(500));
    const b = new Member();
    conf.add('a', a);
    conf.add('b', b);
    expect(a.port).toBeDefined();
    expect(conf.ids).toEqual(['a', 'b']);
    // The mixer runs on the clock: b hears the local microphone (read through a) after two rounds.
    for (let i = 0; i < 4; i++) {
      a.port!.sink.write(new Int16Array(960));
      b.port!.sink.write(new Int16Array(960));
      clock.advance(20);
    }
    const heard = b.port!.source.read()!;
    expect(heard.some((s) => s !== 0)).toBe(true);
    conf.remove('a');
    expect(a.port).toBeUndefined();
    expect(conf.has('a')).toBe(false);
    conf.close();
    expect(b.port).toBeUndefined();
    expect(conf.size).toBe(0);
  });

  it(`holds at most ${MAX_CONFERENCE_PARTIES} parties, each once`, () => {
    const conf = new LocalConference(new VirtualClock());
    for (let i = 0; i < MAX_CONFERENCE_PARTIES; i++) conf.add(String(i), new Member());
    expect(() => conf.add('x', new Member())).toThrow(ConferenceError);
    expect(() => conf.add('0', new Member())).toThrow(expect.objectContaining({ code: 'already-in-conference' }));
    expect(() => conf.setMuted('nobody', true)).toThrow(/not in the conference/);
    conf.setMuted('3', true);
    expect(conf.isMuted('3')).toBe(true);
    conf.close();
  });
});
