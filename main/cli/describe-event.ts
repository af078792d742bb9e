import type { BuddyPresence, CallInfo, ChatMessage, DeliveryChange, PeerTyping, VoicemailEntry, WatcherRequest } from '../../shared/ipc';

/**
 * Human lines for `litesip run` without --json: what a person at the terminal wants to see.
 * Calls are told once per state; everything else once per event.
 */
export function eventDescriber(): (name: string, payload: unknown) => string | undefined {
  const callStates = new Map<string, CallInfo['state']>();
  return (name, payload) => {
    if (name !== 'calls:changed') return describeEvent(name, payload);
    const call = payload as CallInfo;
    if (callStates.get(call.id) === call.state) return undefined;
    if (call.state === 'ended') callStates.delete(call.id);
    else callStates.set(call.id, call.state);
    return describeCall(call);
  };
}

function describeCall(c: CallInfo): string | undefined {
  const peer = `${c.peerName ? `${c.peerName} ` : ''}<${c.peer}>`;
  switch (c.state) {
    case 'incoming':
      return `incoming call from ${peer}${c.forwardedFrom ? ` (forwarded from ${c.forwardedFrom})` : ''}`;
    case 'dialing':
      return `calling ${peer}`;
    case 'ringing':
      return `${peer} is ringing`;
    case 'connected':
      return `call with ${peer} connected (${c.codec ?? 'no codec'}, ${c.encryption === 'none' ? 'not encrypted' : c.encryption})`;
    case 'ended':
      return `call with ${peer} ended: ${c.endReason ?? 'hung up'}`;
  }
}

export function describeEvent(name: string, payload: unknown): string | undefined {
  switch (name) {
    case 'voicemail:new': {
      const v = payload as VoicemailEntry;
      const via = v.forwardedFrom ? ` (forwarded from ${v.forwardedFrom})` : '';
      return `new voicemail ${v.id} from ${v.callerName ? `${v.callerName} ` : ''}<${v.caller}>${via}, ${Math.round(v.durationMs / 1000)} s`;
    }
    case 'calls:dtmf': {
      const d = payload as { digit: string };
      return `DTMF ${d.digit} received`;
    }
    case 'chat:message-received': {
      const m = payload as ChatMessage;
      return `message from ${m.peer}: ${m.body}`;
    }
    case 'chat:delivery-changed': {
      const d = payload as DeliveryChange;
      return `message ${d.id} to ${d.peer}: ${d.state}${d.reason ? ` (${d.reason})` : ''}`;
    }
    case 'chat:peer-typing': {
      const t = payload as PeerTyping;
      return t.state === 'active' ? `${t.peer} is typing` : undefined;
    }
    case 'presence:buddy-changed':
      return describePresence(payload as BuddyPresence);
    case 'presence:watcher-request': {
      const w = payload as WatcherRequest;
      return `${w.displayName ? `${w.displayName} ` : ''}<${w.uri}> asks to see your presence`;
    }
    default:
      return undefined;
  }
}

export function describePresence(p: BuddyPresence): string {
  if (p.subscription === 'pending') return `presence of ${p.uri}: pending (not accepted yet)`;
  const note = p.note ? ` — ${p.note}` : '';
  const ended = p.subscription === 'terminated' ? ' (subscription ended)' : '';
  return `presence of ${p.uri}: ${p.status}${note}${ended}`;
}

