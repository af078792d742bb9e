import { CallsFeature } from './calls/calls-feature';
import { conferenceRecorder, mediaSessionFactory } from './calls/media-session-media';
import type { AudioSink } from '../media/audio';
import type { EngineFeature } from './feature';
import { createChatFeature } from './chat-feature';
import { createPresenceFeature } from './presence-feature';
import { createAccountsFeature } from './accounts-feature';
import { createHistoryFeature } from './history-feature';
import { createVoicemailFeature } from './voicemail-feature';
import type { NatServers } from '../nat/ice';
import type { AudioDevice } from './audio-device';

/** How calls behave in this engine (the CLI's media flags; the desktop app uses devices). */
export interface CallsOptions {
  /** Answer incoming calls after this many seconds (--auto-answer). */
  autoAnswerSeconds?: number;
  /** What calls send: FILE.wav, tone:HZ or silence (headless mode). */
  play?: string;
  /** Record received audio to this file (one call) or to a file per call in this folder. */
  recordFile?: string;
  recordDir?: string;
  /** Codec names in order of preference. */
  codecs?: string[];
  /** How calls are protected; every mode but off also answers DTLS-SRTP offers. */
  srtp?: 'mandatory' | 'best-effort' | 'off' | 'dtls';
  /** Calls at once before the next incoming one gets 486 Busy Here (default 4). */
  maxCalls?: number;
  /** ICE for calls (RFC 8445); default on, with host candidates plus the servers below. */
  ice?: boolean;
  /** STUN and TURN servers the user configured; none by default. */
  natServers?: NatServers;
  /** The user's microphone and speaker (desktop app, web UI); calls stay headless without one. */
  device?: AudioDevice;
}

/** Options every feature factory may read. */
export interface FeatureOptions {
  calls?: CallsOptions;
}

/** The features the engine runs, in start order. Each feature module adds its factory here. */
export function createFeatures(options: FeatureOptions): EngineFeature[] {
  const calls = options.calls ?? {};
  const chat = createChatFeature();
  // Voicemail starts before calls and stops after them, so a message in progress is kept.
  const voicemail = createVoicemailFeature();
  const callsFeature = new CallsFeature({
    media: mediaSessionFactory(calls),
    voicemail,
    ...(calls.autoAnswerSeconds !== undefined ? { autoAnswerSeconds: calls.autoAnswerSeconds } : {}),
    ...(calls.maxCalls !== undefined ? { maxCalls: calls.maxCalls } : {}),
    ...conferenceSinkOption(conferenceRecorder(calls)),
  });
  return [
    voicemail,
    callsFeature,
    chat,
    createPresenceFeature({ observer: chat, calls: callsFeature }),
    createAccountsFeature(),
    createHistoryFeature(),
  ];
}

function conferenceSinkOption(sink: (() => AudioSink) | undefined): { conferenceSink?: () => AudioSink } {
  return sink ? { conferenceSink: sink } : {};
}
