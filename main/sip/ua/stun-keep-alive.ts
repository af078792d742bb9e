import { StunBindingClient } from '../../nat/stun';
import { keepAliveDelayMs, type KeepAliveHandle } from '../transport';
import type { UserAgent } from './user-agent';

/**
 * RFC 5626 §4.4.2: STUN Binding keep-alives on a UDP registration flow, at 80–100% of the
 * Flow-Timer (default 95 s), sent from the SIP socket itself. A Binding transaction that gets
 * no answer (RFC 8489 §6.2.1 retransmissions) or an answer with another mapped address than
 * before (the NAT binding changed) means the flow failed.
 */
export class StunKeepAlive implements KeepAliveHandle {
  private readonly client: StunBindingClient;
  private readonly stopListening: () => void;
  private timer: ReturnType<UserAgent['clock']['setTimeout']> | undefined;
  private running = true;
  private pending = false;
  private pings = 0;
  private mapped: string | undefined;

  constructor(
    private readonly ua: UserAgent,
    flowToken: string,
    private readonly server: { address: string; port: number },
    private readonly flowTimerSeconds: number | undefined,
    private readonly onFailed: (why: string) => void,
  ) {
    this.client = new StunBindingClient({ clock: ua.clock, send: (data) => ua.transport.sendOnFlow(flowToken, data), fingerprint: true, software: ua.product });
    this.stopListening = ua.onStunResponse((data) => this.client.handle(data));
    this.schedule();
  }

  get awaitingPong(): boolean {
    return this.pending;
  }

  get pingsSent(): number {
    return this.pings;
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.ua.clock.clearTimeout(this.timer);
    this.stopListening();
    this.client.close();
  }

  private schedule(): void {
    this.timer = this.ua.clock.setTimeout(() => void this.ping(), keepAliveDelayMs(false, this.flowTimerSeconds));
  }

  private async ping(): Promise<void> {
    if (!this.running) return;
    this.pings++;
    this.pending = true;
    const outcome = await this.client.request(this.server);
    this.pending = false;
    if (!this.running) return;
    if (!outcome.ok) return this.fail(`no answer to the STUN keep-alive (${outcome.error.message})`);
    const mapped = `${outcome.value.mapped.address}:${outcome.value.mapped.port}`;
    if (this.mapped !== undefined && mapped !== this.mapped) return this.fail(`the flow's mapped address changed from ${this.mapped} to ${mapped}`);
    this.mapped = mapped;
    this.schedule();
  }

  private fail(why: string): void {
    this.stop();
    this.onFailed(why);
  }
}
