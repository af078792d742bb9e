import { CandidatePairState, Connection, type Candidate, type CandidatePair, type IceOptions } from 'werift';
import { CheckMappings } from './check-mappings';
import { agentCandidate, candidateLine, pickDefault, type CandidateType, type IceCandidateLine } from './ice-candidate';
import type { NatServers } from './nat-servers';
import { PlainCandidateSocket, type CandidateProtocol } from './plain-candidate-socket';
import { acceptTurnChallenges } from './turn-challenges';

/** The peer's ICE description (RFC 8839 §5.4): credentials, lite or full, candidates. */
export interface RemoteIce {
  readonly ufrag: string;
  readonly pwd: string;
  readonly lite: boolean;
  readonly candidates: readonly IceCandidateLine[];
}

export type IceRole = 'controlling' | 'controlled';

/** Where the agent stands: gathered, running checks, a pair selected, no pair found (or consent lost), closed. */
export type IceAgentState = 'gathered' | 'checking' | 'connected' | 'failed' | 'closed';

export interface IceEndpoint {
  readonly type: CandidateType;
  readonly address: string;
  readonly port: number;
}

/** The selected pair (RFC 8445 §8.1.1): what carries media. */
export interface SelectedPair {
  readonly local: IceEndpoint;
  readonly remote: IceEndpoint;
  /** How we reach the TURN server when the local candidate is a relay. */
  readonly relayTransport?: 'udp' | 'tcp';
  /**
   * The valid pair's local candidate (RFC 8445 §7.2.5.3.2): the address the peer saw our checks
   * come from; behind a NAT the server- or peer-reflexive one, not the host candidate sent from.
   */
  readonly mappedLocal?: IceEndpoint;
}

export interface IceAgentOptions {
  /** Addresses to gather host candidates on (RFC 8445 §5.1.1.1). */
  readonly hosts: readonly string[];
  /** Bind the host sockets to this address instead of the wildcard. */
  readonly bindAddress?: string;
  readonly servers?: NatServers;
  readonly portRange?: { readonly min: number; readonly max: number };
  /** Candidates found within this time are used, ms; default 3000. */
  readonly gatherTimeoutMs?: number;
}

interface ConnectionInternals {
  protocols: CandidateProtocol[];
  /** Pairs a remote candidate with every local one (werift's own, skipped pairs included). */
  pairRemoteCandidate(candidate: Candidate): void;
}

/** Direct paths get this long before relayed ones are checked (relay is the last resort). */
export const RELAY_GRACE_MS = 1000;

/** How often a running check list is looked at for a verdict. */
const VERDICT_POLL_MS = 250;

/** Whether a pair goes through a TURN relay on either end. */
function relayed(pair: Pick<CandidatePair, 'localCandidate' | 'remoteCandidate'>): boolean {
  return pair.localCandidate.type === 'relay' || pair.remoteCandidate.type === 'relay';
}

/**
 * One full ICE agent for one media stream with one component (RFC 8445; RTCP rides on RTP,
 * RFC 5761), on werift's ICE Connection: gathering host, server-reflexive (STUN) and relayed
 * (TURN over UDP or TCP) candidates, connectivity checks in either role, nomination, and
 * consent freshness (RFC 7675) on the selected pair. Only the servers given are ever used.
 */
export class IceAgent {
  private state_: IceAgentState = 'gathered';
  private remote: RemoteIce | undefined;
  private readonly stateListeners = new Set<(state: IceAgentState) => void>();
  private dataHandler: ((data: Buffer) => void) | undefined;

  private verdictTimer: NodeJS.Timeout | undefined;
  private relayTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly connection: Connection,
    readonly candidates: readonly IceCandidateLine[],
    private readonly defaultCandidate: Candidate,
    private readonly servers: NatServers,
    private readonly gate: { relay: boolean },
    private readonly mappings: CheckMappings,
  ) {
    connection.onData.subscribe((data) => this.dataHandler?.(data));
    connection.stateChanged.subscribe((state) => {
      // RFC 7675 §5.1: consent expired on the selected pair
      if (state === 'failed' && this.state_ === 'connected') this.setState('failed');
    });
  }

  /** Gathers candidates; undefined when not one could be gathered (ICE is then not offered). */
  static async gather(options: IceAgentOptions): Promise<IceAgent | undefined> {
    const servers = options.servers ?? {};
    const turn = servers.turn;
    // A TURN server answers Binding requests too (RFC 8656 §1): it doubles as STUN server over UDP
    const stun = servers.stun ?? (turn?.transport === 'udp' ? { host: turn.host, port: turn.port } : undefined);
    // Relayed pairs wait until direct ones had their chance (RFC 8445 §5.1.2.1: relay is the last
    // resort); werift nominates the first pair that works, so order is all we can give it.
    const gate = { relay: false };
    const iceOptions: Partial<IceOptions> = {
      filterCandidatePair: (pair) => gate.relay || !relayed(pair),
      // host addresses are ours to choose: none from werift's own interface scan
      useIpv4: false,
      useIpv6: false,
      additionalHostAddresses: [...options.hosts],
      ...(options.bindAddress && { interfaceAddresses: { [options.bindAddress.includes(':') ? 'udp6' : 'udp4']: options.bindAddress } }),
      ...(options.portRange && { portRange: [options.portRange.min, options.portRange.max] as [number, number] }),
      ...(turn && { turnServer: [turn.host, turn.port] as const, turnUsername: turn.username, turnPassword: turn.password, turnTransport: turn.transport }),
    };
    const connection = new Connection(true, iceOptions);
    // werift falls back to a public STUN server; we use only what the user configured
    connection.stunServer = stun ? [stun.host, stun.port] : undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      connection.gatherCandidates().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, options.gatherTimeoutMs ?? 3000))),
    ]);
    clearTimeout(timer);
    const mappings = new CheckMappings();
    for (const protocol of (connection as unknown as ConnectionInternals).protocols) {
      acceptTurnChallenges(protocol.turn);
      mappings.watch(protocol as never);
    }
    const gathered = withoutRedundant(connection.localCandidates);
    const chosen = pickDefault(gathered);
    if (!chosen) {
      await connection.close();
      return undefined;
    }
    // RFC 8445 §5.1.3: the default candidate first, then by priority
    const ordered = [chosen, ...gathered.filter((c) => c !== chosen).sort((a, b) => b.priority - a.priority)];
    return new IceAgent(connection, ordered.map(candidateLine), chosen, servers, gate, mappings);
  }

  get ufrag(): string {
    return this.connection.localUsername;
  }

  get pwd(): string {
    return this.connection.localPassword;
  }

  get state(): IceAgentState {
    return this.state_;
  }

  /** Where a peer without ICE sends: the default candidate (c=/m=). */
  get defaultAddress(): IceEndpoint {
    const c = this.defaultCandidate;
    return { type: candidateLine(c).type, address: c.host, port: c.port };
  }

  /** The local address to advertise now: the valid selected pair's once there is one (RFC 8839 §4.4.1.2.2), else the default. */
  get advertised(): IceEndpoint {
    const selected = this.selected;
    return selected?.mappedLocal ?? selected?.local ?? this.defaultAddress;
  }

  get selected(): SelectedPair | undefined {
    const pair = this.connection.nominated;
    if (!pair) return undefined;
    const local = pair.localCandidate;
    const remote = pair.remoteCandidate;
    const relay = local.type === 'relay' && this.servers.turn;
    const mapped = this.mappings.mappedFor(pair.protocol, [remote.host, remote.port]);
    return {
      local: { type: candidateLine(local).type, address: local.host, port: local.port },
      remote: { type: candidateLine(remote).type, address: remote.host, port: remote.port },
      ...(relay && { relayTransport: relay.transport }),
      ...(mapped && { mappedLocal: this.endpointAt(mapped) }),
    };
  }

  /** Our candidate at a mapped address, or a peer-reflexive one when we gathered none there (RFC 8445 §7.2.5.3.1). */
  private endpointAt(at: { address: string; port: number }): IceEndpoint {
    const known = this.candidates.find((c) => c.component === 1 && c.address === at.address && c.port === at.port);
    return { type: known?.type ?? 'prflx', address: at.address, port: at.port };
  }

  /** Whether a TURN server is configured (for diagnostics). */
  get hasTurn(): boolean {
    return this.servers.turn !== undefined;
  }

  onStateChange(listener: (state: IceAgentState) => void): void {
    this.stateListeners.add(listener);
  }

  /** Non-STUN datagrams that arrive on any candidate (RFC 7983: RTP, RTCP, DTLS). */
  onData(handler: (data: Buffer) => void): void {
    this.dataHandler = handler;
  }

  /**
   * Starts connectivity checks toward the peer (RFC 8445 §6.1.4) in our role (offerer controls,
   * §6.1.1). The same credentials again (a re-offer) change nothing.
   */
  start(remote: RemoteIce, role: IceRole): void {
    if (this.state_ === 'closed') return;
    if (this.remote) {
      // FIXME(rfc8839 §4.4.1.1.1): new remote credentials mean an ICE restart; we keep the running pair
      return;
    }
    this.remote = remote;
    this.connection.iceControlling = role === 'controlling';
    this.connection.setRemoteParams({ iceLite: remote.lite, usernameFragment: remote.ufrag, password: remote.pwd });
    this.setState('checking');
    void this.connect(remote);
  }

  /** Sends on the selected pair; dropped before there is one or after consent was lost (RFC 7675 §5.3). */
  send(data: Buffer, onError: (err: Error) => void): void {
    if (this.state_ !== 'connected') return;
    this.connection.send(data).catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
  }

  /** The default candidate's own socket, for a peer that answered without ICE. */
  plainSocket(): PlainCandidateSocket | undefined {
    const protocols = (this.connection as unknown as ConnectionInternals).protocols;
    return PlainCandidateSocket.forCandidate(protocols, this.defaultCandidate);
  }

  async close(): Promise<void> {
    if (this.state_ === 'closed') return;
    clearTimeout(this.relayTimer);
    clearInterval(this.verdictTimer);
    this.setState('closed');
    await this.connection.close().catch(() => undefined);
  }

  private async connect(remote: RemoteIce): Promise<void> {
    const all = remote.candidates.map(agentCandidate).filter((c): c is Candidate => c !== undefined);
    try {
      for (const candidate of all.filter((c) => c.type !== 'relay')) await this.connection.addRemoteCandidate(candidate);
      const relays = all.filter((c) => c.type === 'relay');
      // the peer's relays and our own come in after the grace time, unless a direct pair was nominated
      this.relayTimer = setTimeout(() => void this.openRelays(relays), RELAY_GRACE_MS);
      this.verdictTimer = setInterval(() => this.judge(), VERDICT_POLL_MS);
      await this.connection.connect();
      if (this.state_ === 'checking') this.setState('connected');
    } catch {
      if (this.state_ === 'checking') this.setState('failed');
    } finally {
      clearInterval(this.verdictTimer);
    }
  }

  private async openRelays(relays: readonly Candidate[]): Promise<void> {
    if (this.state_ !== 'checking') return;
    this.gate.relay = true;
    const internals = this.connection as unknown as ConnectionInternals;
    // pairs with our relayed candidate that the gate held back
    for (const candidate of this.connection.remoteCandidates) internals.pairRemoteCandidate(candidate);
    for (const candidate of relays) await this.connection.addRemoteCandidate(candidate);
    // RFC 8840: SIP peers send complete lists; this ends the check list
    await this.connection.addRemoteCandidate(undefined);
  }

  /**
   * RFC 8445 §8.1.2: with every candidate in and every pair failed, ICE has failed (werift's
   * connect() keeps waiting in that case, so we judge the check list ourselves).
   */
  private judge(): void {
    if (this.state_ !== 'checking' || this.connection.nominated || !this.connection.remoteCandidatesEnd) return;
    const pairs = this.connection.checkList;
    if (pairs.length > 0 && !pairs.every((p) => p.state === CandidatePairState.FAILED)) return;
    clearInterval(this.verdictTimer);
    this.setState('failed');
  }

  private setState(state: IceAgentState): void {
    if (this.state_ === state) return;
    this.state_ = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** RFC 8445 §5.1.3: a server-reflexive candidate equal to its base (no NAT) is redundant. */
function withoutRedundant(candidates: readonly Candidate[]): Candidate[] {
  const hosts = candidates.filter((c) => c.type === 'host');
  return candidates.filter((c) => c.type !== 'srflx' || !hosts.some((h) => h.host === c.host && h.port === c.port));
}
