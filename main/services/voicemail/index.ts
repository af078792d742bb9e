/**
 * Voicemail in the endpoint (RFC 5638 §3): the greeting, the caller's message recorded as Ogg
 * Opus (RFC 7845), and the box of stored messages with playback and WAV export.
 */
export { VoicemailBox, type RecordedMessage } from './voicemail-box';
export { VoicemailSession, type VoicemailCall, type VoicemailPhase } from './voicemail-session';
export { VoicemailError } from './voicemail-error';
export { decodeOggOpus } from './ogg-opus-reader';
export { OggOpusWriter } from './ogg-opus-writer';
export { OggFormatError, readOggPackets } from './ogg-page';
export { defaultGreeting, beep, BEEP_HZ, BEEP_MS } from './default-greeting';
export { VOICEMAIL_DIR, GREETING_FILE, voicemailDir } from './voicemail-files';
export { PLAYBACK_RATE, wavBytes } from './wav-bytes';
