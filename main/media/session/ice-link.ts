import { hostAddresses, IceAgent, IcePathSocket, type DatagramSocket, type IceAgentState, type IceConfig, type SelectedPair } from '../../nat/ice';
import { completedCandidates, sameEndpoint } from '../../nat/ice/completed-description';
import { parseSdp, type LocalIce, type NegotiatedMedia } from '../../sdp';

/** ICE as the media path reports it. */
export interface IcePathFacts {
  /** 'off' when the peer did not do ICE (or rtcp-mux) and plain addressing is used. */
  readonly state: IceAgentState | 'off';
  readonly selected?: SelectedPair;
  readonly turnConfigured: boolean;
}

/**
 * One session's ICE (RFC 8445, RFC 8839): gathers before the first offer or answer, puts the
 * candidates and the default candidate in our SDP, and once negotiated picks the datagram path
 * for RTP: the selected pair when both sides do ICE with rtcp-mux, else the default candidate's
 * own socket (a peer without ICE sends there; symmetric RTP, RFC 4961).
 */
export class IceLink {
  private path: DatagramSocket | undefined;
  private mode: 'pending' | 'ice' | 'plain' = 'pending';
  private role: 'controlling' | 'controlled' | undefined;
  /** c=/m= of our side of the session in force (RFC 3264: a refused re-offer changes nothing). */
  private lastDefault: { address: string; port: number } | undefined;
  /** c=/m= of our offer awaiting its answer. */
  private offeredDefault: { address: string; port: number } | undefined;

  private constructor(readonly agent: IceAgent) {}

  /**
   * Undefined when ICE is off or no candidate could be gathered, or when answering `answering`,
   * an offer without ICE (RFC 8839 §3.2.1.1: the call then uses c=/m=), on a bound address with
   * host candidates only: the session's own socket is then the default candidate's twin.
   */
  static async create(config: IceConfig | undefined, bindHost: string, answering?: string): Promise<IceLink | undefined> {
    if (!config?.enabled) return undefined;
    const wildcard = bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '';
    const hostOnly = !config.servers?.stun && !config.servers?.turn && !config.portRange;
    if (answering !== undefined && !wildcard && hostOnly && !offersIceWithMux(answering)) return undefined;
    const hosts = hostAddresses(bindHost);
    if (hosts.length === 0) return undefined;
    // a failure to gather leaves the call without ICE (plain addressing), never without media
    const agent = await IceAgent.gather({
      hosts,
      ...(!wildcard && { bindAddress: bindHost }),
      ...(config.servers && { servers: config.servers }),
      ...(config.portRange && { portRange: config.portRange }),
      ...(config.gatherTimeoutMs !== undefined && { gatherTimeoutMs: config.gatherTimeoutMs }),
    }).catch(() => undefined);
    return agent ? new IceLink(agent) : undefined;
  }

  /**
   * Our address for c=/m= and the ICE attributes (RFC 8839 §4.2); none once the peer turned out
   * not to do ICE, and none in an answer to an offer without ICE or without rtcp-mux (we run
   * one component only, RFC 5761).
   */
  localOptions(offerSdp?: string): { address: string; port: number; ice?: LocalIce } {
    const at = this.agent.advertised;
    if (this.mode === 'plain' || (offerSdp !== undefined && !offersIceWithMux(offerSdp))) return { address: at.address, port: at.port };
    // RFC 8839 §4.4.1.2.2: once ICE completed, only the selected pair's local candidate is listed
    const selected = this.mode === 'ice' && this.agent.state === 'connected' ? this.agent.selected : undefined;
    const candidates = (selected && completedCandidates(this.agent.candidates, selected)) ?? this.agent.candidates;
    return { address: at.address, port: at.port, ice: { ufrag: this.agent.ufrag, pwd: this.agent.pwd, candidates } };
  }

  /**
   * localOptions() for an offer (no `offerSdp`) or an answer that goes out: an answer's c=/m= is
   * our default from now on, an offer's once offerAccepted() tells its answer arrived.
   */
  sdpOptions(offerSdp?: string): { address: string; port: number; ice?: LocalIce } {
    const options = this.localOptions(offerSdp);
    const at = { address: options.address, port: options.port };
    if (offerSdp === undefined) this.offeredDefault = at;
    else this.lastDefault = at;
    return options;
  }

  /** The peer accepted our last offer. */
  offerAccepted(): void {
    if (this.offeredDefault) this.lastDefault = this.offeredDefault;
    this.offeredDefault = undefined;
  }

  /**
   * RFC 8839 §4.3.4: the controlling agent, once a pair is selected, sends an updated offer when
   * the default candidate (c=/m=) of the session in force is not the selected local candidate,
   * so that the peer and SIP-aware middleboxes see where media really flows.
   */
  get defaultStale(): boolean {
    const selected = this.agent.selected;
    if (this.mode !== 'ice' || this.role !== 'controlling' || this.agent.state !== 'connected' || !selected || !this.lastDefault) return false;
    return !sameEndpoint(selected.mappedLocal ?? selected.local, this.lastDefault);
  }

  /**
   * After an offer/answer exchange: the RTP path to use from now on, or undefined to keep the
   * current one. ICE needs rtcp-mux (we run one component only, RFC 5761), else plain addressing.
   */
  apply(media: NegotiatedMedia, onState: (state: IceAgentState) => void): DatagramSocket | undefined {
    if (this.mode !== 'pending') {
      if (this.mode === 'ice' && media.ice) this.agent.start(iceOf(media), media.ice.role);
      return undefined;
    }
    if (media.ice && media.rtcpMux) {
      this.mode = 'ice';
      this.role = media.ice.role;
      // closing is the session's own doing, not a change of path worth an event
      this.agent.onStateChange((state) => state !== 'closed' && onState(state));
      this.path = new IcePathSocket(this.agent);
      this.agent.start(iceOf(media), media.ice.role);
      return this.path;
    }
    this.mode = 'plain';
    this.path = this.agent.plainSocket();
    return this.path;
  }

  facts(): IcePathFacts | undefined {
    const selected = this.agent.selected;
    return {
      state: this.mode === 'plain' ? 'off' : this.agent.state,
      ...(this.mode === 'ice' && selected && { selected }),
      turnConfigured: this.agent.hasTurn,
    };
  }

  async close(): Promise<void> {
    this.path?.close();
    await this.agent.close();
  }
}

/** Whether the offer's audio stream does ICE with rtcp-mux; a bad offer is left to the negotiator's 400. */
function offersIceWithMux(offerSdp: string): boolean {
  // RFC 8839 §5.4: no ICE without a=ice-ufrag (session or media level); most plain offers stop here unparsed
  if (!offerSdp.includes('a=ice-ufrag:')) return false;
  try {
    const audio = parseSdp(offerSdp).media.find((m) => m.media === 'audio' && m.port !== 0);
    return audio?.ice !== undefined && audio.rtcpMux;
  } catch {
    return false;
  }
}

function iceOf(media: NegotiatedMedia): { ufrag: string; pwd: string; lite: boolean; candidates: NonNullable<NegotiatedMedia['ice']>['remote']['candidates'] } {
  const ice = media.ice!;
  return { ufrag: ice.remote.ufrag, pwd: ice.remote.pwd, lite: ice.remoteLite, candidates: ice.remote.candidates };
}
