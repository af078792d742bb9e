import type { Clock } from '../../lib/clock';
import { Dialog } from '../dialog';
import type { SipRequest, SipResponse } from '../message';
import type { ClientRequest } from './client-request';
import { InviteSession } from './invite-session';
import type { HopTarget } from './next-hop';
import type { UserAgent } from './user-agent';

export type InviteOutcome =
  | { ok: true; session: InviteSession; response: SipResponse; request: SipRequest }
  | { ok: false; response: SipResponse };

/**
 * An INVITE we send (RFC 3261 §13.2): provisional responses reported, CANCEL on request,
 * the first 2xx makes the session (ACKed by us, §13.2.2.4); a 2xx from another fork is
 * ACKed and ended with BYE, since we hold one call per INVITE.
 */
export class OutgoingInvite {
  private readonly client: ClientRequest;
  private session: InviteSession | undefined;
  private ackFor = new Map<string, { ack: SipRequest; target: HopTarget }>();

  constructor(
    private readonly ua: UserAgent,
    readonly request: SipRequest,
    private readonly clock: Clock,
    onProvisional: (response: SipResponse) => void,
  ) {
    this.client = ua.clientRequest(request, { onProvisional, onLate2xx: (r) => void this.late2xx(r) });
  }

  cancel(): void {
    this.client.cancel();
  }

  async start(): Promise<InviteOutcome> {
    const { response, request, target } = await this.client.send();
    if (response.status < 200 || response.status >= 300 || !target) return { ok: false, response };
    const dialog = Dialog.asUac(request, response);
    const ack = await this.ua.sendAck(dialog, request.cseq.seq, { target });
    this.ackFor.set(response.toTag ?? '', { ack, target });
    this.session = new InviteSession(this.ua, dialog, true, this.clock);
    return { ok: true, session: this.session, response, request };
  }

  /** RFC 3261 §13.2.2.4: every 2xx is ACKed; ones from another fork are then ended with BYE. */
  private async late2xx(response: SipResponse): Promise<void> {
    const known = this.ackFor.get(response.toTag ?? '');
    try {
      if (known) {
        await this.ua.resendAck(known.ack, known.target);
        return;
      }
      const request = this.client.request;
      const dialog = Dialog.asUac(request, response);
      const target = await this.ua.firstHop(dialog.nextHop());
      const ack = await this.ua.sendAck(dialog, request.cseq.seq, { target });
      this.ackFor.set(response.toTag ?? '', { ack, target });
      await new InviteSession(this.ua, dialog, true, this.clock).bye('a second answer from another device');
    } catch {
      // a fork we cannot reach times out on its own side
    }
  }
}
