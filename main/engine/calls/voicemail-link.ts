import type { AudioSink, AudioSource } from '../../media/audio';
import type { VoicemailCall } from '../../services/voicemail';
import type { Call } from './call';

/** A call taken by voicemail, as the voicemail sees it: the caller, and its audio both ways. */
export function voicemailCall(call: Call, account: string | undefined, hangUp: (reason: string) => void): VoicemailCall {
  const media = call.media;
  if (!media) throw new Error('the call has no media');
  // One port whose ends change: the greeting plays, then the recording listens.
  const port: { source: AudioSource; sink: AudioSink } = {
    source: media.localSource,
    sink: { write: () => undefined, close: () => undefined },
  };
  media.routeAudio(port);
  return {
    callId: call.id,
    caller: call.peer,
    ...(call.peerName !== undefined ? { callerName: call.peerName } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(call.forwardedFrom !== undefined ? { forwardedFrom: call.forwardedFrom } : {}),
    play: (source) => {
      port.source = source;
    },
    listen: (sink) => {
      port.sink = sink;
    },
    hangUp,
  };
}
