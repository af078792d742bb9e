import type { Clock } from '../../lib/clock';
import type { NegotiatedMedia } from '../../sdp';
import { DtmfReceiver, DtmfSender, type DtmfDigitEvent, type DtmfStream } from '../dtmf';

type TelephoneEvent = NonNullable<NegotiatedMedia['telephoneEvent']>;

/** The call's RFC 4733 sender and receiver, rebuilt when the negotiated telephone-event changes. */
export class DtmfLink {
  sender: DtmfSender | undefined;
  receiver: DtmfReceiver | undefined;
  private current: TelephoneEvent | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly stream: DtmfStream,
    private readonly transmit: (packet: Buffer) => void,
    private readonly onDigit: (digit: DtmfDigitEvent) => void,
  ) {}

  configure(te: TelephoneEvent | undefined): void {
    if (te && this.current && te.pt === this.current.pt && te.clockRate === this.current.clockRate) return;
    this.sender?.stop();
    this.receiver?.flush();
    this.current = te;
    this.sender = te && new DtmfSender(this.clock, this.stream, this.transmit, { payloadType: te.pt, clockRate: te.clockRate });
    this.receiver = te && new DtmfReceiver(te.clockRate, this.onDigit);
  }

  /** Whether an event is on the wire (audio pauses meanwhile). */
  get active(): boolean {
    return this.sender?.active ?? false;
  }

  close(): void {
    this.sender?.stop();
    this.receiver?.flush();
  }
}
