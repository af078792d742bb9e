import type { ChatMessage } from '../../shared/ipc';
import type { MessagesRepository } from '../store';
import type { SipRequest } from '../sip/message';
import type { ServerTransaction } from '../sip/transaction';
import type { UserAgent } from '../sip/ua';
import type { GroupCommit } from './group-commit';
import { ACCEPTED_TYPES, readIncomingBody } from './incoming-body';
import type { IsComposing } from './is-composing';
import { peerKey } from './peer-uri';

export interface ReceiverDelegate {
  /** A new message, already committed to the store. */
  stored(message: ChatMessage): void;
  composing(peer: string, doc: IsComposing): void;
}

/**
 * The UAS side of RFC 3428 §7: reads the body, commits the message to SQLite and only then
 * answers 200; a retransmission (same Call-ID, CSeq and From tag) is answered without a
 * second copy.
 */
export class MessageReceiver {
  constructor(
    private readonly ua: UserAgent,
    private readonly messages: MessagesRepository,
    private readonly commits: GroupCommit,
    private readonly delegate: ReceiverDelegate,
  ) {}

  receive(request: SipRequest, tx: ServerTransaction): void {
    const body = readIncomingBody(request);
    if (body.kind === 'reject') {
      // RFC 3261 §21.4.13: a 415 lists what we accept.
      const headers: [string, string][] = body.status === 415 ? [['Accept', ACCEPTED_TYPES.join(', ')]] : [];
      this.ua.respond(tx, body.status, { reason: body.reason, headers });
      return;
    }
    const peer = peerKey(request.from.uri);
    if (body.kind === 'composing') {
      this.ua.respond(tx, 200);
      this.delegate.composing(peer, body.doc);
      return;
    }
    const sip = { callId: request.callId, cseq: request.cseq.seq, fromTag: request.fromTag ?? '' };
    // DESIGN: the message is committed before the 200 leaves (synchronous=FULL; messages that
    // arrive together share one commit).
    this.commits.add(
      () => this.messages.insert({ peer, direction: 'in', body: body.text, contentType: body.contentType, state: 'received', sip }),
      (stored: ChatMessage | undefined) => {
        this.ua.respond(tx, 200);
        if (stored) this.delegate.stored(stored);
      },
      () => this.ua.respond(tx, 500, { reason: 'Message Not Stored' }),
    );
  }
}
