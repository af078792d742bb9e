import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NetNs, requireCommand, requireRoot } from '../../helpers/netns';
import { Coturn, type TurnCredentials, type TurnServerInfo } from './coturn';
import { LabAgent } from './lab-agent-client';
import { LabRegistrar, type RegistrarInfo } from './lab-registrar';
import { PLAN, PUBLIC_PREFIX, type LabSide, type NatBehaviour } from './lab-plan';

export interface NatLabSideOptions {
  nat: NatBehaviour;
  /** Drops UDP forwarded from the host to the public side (for TURN over TCP). */
  blockUdp?: boolean;
}

export interface NatLabOptions {
  A: NatLabSideOptions;
  B: NatLabSideOptions;
  turn?: Partial<TurnCredentials>;
  /** Start kamailio on the public side as registrar and proxy for these users (password "secret"). */
  registrarUsers?: readonly string[];
}

/** One side of the lab as a test sees it. */
export interface NatLabSideInfo {
  readonly host: NetNs;
  readonly nat: NetNs;
  readonly behaviour: NatBehaviour;
  readonly blockUdp: boolean;
  /** The host's own (private) address. */
  readonly hostAddress: string;
  /** Where the host's traffic appears to come from on the public side (for `none`, its own address). */
  readonly publicAddress: string;
}

export type LabPlace = 'pub' | 'hostA' | 'hostB' | 'natA' | 'natB';

const DEFAULT_TURN: TurnCredentials = { username: 'alice', password: 'secret', realm: 'litesip.test' };

/** Labs not yet destroyed, cleaned up synchronously if the process exits without afterAll. */
const live = new Set<NatLab>();
process.once('exit', () => {
  for (const lab of live) lab.destroyNow();
});

/**
 * Two hosts behind NATs built with network namespaces and iptables (PEERS.md §3), plus coturn on
 * the public side. Every name carries a random suffix, so parallel runs never clash; everything
 * is removed by destroy(), also when building fails halfway.
 */
export class NatLab {
  readonly pub: NetNs;
  readonly natA: NetNs;
  readonly hostA: NetNs;
  readonly natB: NetNs;
  readonly hostB: NetNs;
  private coturn?: Coturn;
  private kamailio?: LabRegistrar;
  private readonly agents = new Map<LabPlace, Promise<LabAgent>>();
  private destroyed = false;

  private constructor(
    readonly options: NatLabOptions,
    readonly dir: string,
    namespaces: readonly NetNs[],
  ) {
    [this.pub, this.natA, this.hostA, this.natB, this.hostB] = namespaces as [NetNs, NetNs, NetNs, NetNs, NetNs];
  }

  /** Builds the lab. Fails (never skips) when root or a peer program is missing. */
  static async create(options: NatLabOptions): Promise<NatLab> {
    requireRoot();
    for (const cmd of ['ip', 'iptables', 'turnserver', 'ss']) requireCommand(cmd);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litesip-natlab-'));
    const namespaces: NetNs[] = [];
    let lab: NatLab | undefined;
    try {
      for (const place of ['pub', 'natA', 'hostA', 'natB', 'hostB']) namespaces.push(NetNs.create(`lsnat-${place}`));
      lab = new NatLab(options, dir, namespaces);
      live.add(lab);
      lab.build();
      lab.coturn = await Coturn.start(lab.pub, dir, { ...DEFAULT_TURN, ...options.turn });
      if (options.registrarUsers) {
        lab.kamailio = await LabRegistrar.start(lab.pub, dir, PLAN.A.pub, options.registrarUsers.map((name) => ({ name, password: 'secret' })));
      }
      return lab;
    } catch (error) {
      if (lab) await lab.destroy();
      else {
        await Promise.all(namespaces.map((ns) => ns.destroy()));
        fs.rmSync(dir, { recursive: true, force: true });
      }
      throw error;
    }
  }

  /** coturn's addresses and credentials. */
  get turn(): TurnServerInfo {
    if (!this.coturn) throw new Error('the lab has no TURN server (it was destroyed)');
    return this.coturn.info;
  }

  /** kamailio's address and SIP domain (when the lab was built with registrarUsers). */
  get registrar(): RegistrarInfo {
    if (!this.kamailio) throw new Error('the lab has no registrar (build it with registrarUsers)');
    return this.kamailio.info;
  }

  /** kamailio's recent log, for failure messages. */
  get registrarLog(): string {
    return this.kamailio?.output ?? '';
  }

  /** coturn's recent log, for failure messages. */
  get turnLog(): string {
    return this.coturn?.output ?? '';
  }

  side(side: LabSide): NatLabSideInfo {
    const plan = PLAN[side];
    const opts = this.options[side];
    return {
      host: side === 'A' ? this.hostA : this.hostB,
      nat: side === 'A' ? this.natA : this.natB,
      behaviour: opts.nat,
      blockUdp: opts.blockUdp ?? false,
      hostAddress: plan.host,
      publicAddress: opts.nat === 'none' ? plan.host : plan.natWan,
    };
  }

  /** A lab agent (UDP sockets, LiteSIP's STUN client and responder) running in a namespace; one per place. */
  agent(place: LabPlace): Promise<LabAgent> {
    let agent = this.agents.get(place);
    if (!agent) {
      agent = LabAgent.start(this[place]);
      this.agents.set(place, agent);
    }
    return agent;
  }

  /** Stops agents and coturn, deletes every namespace (veth pairs go with them) and the temp dir. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    for (const agent of this.agents.values()) await agent.then((a) => a.stop(), () => undefined);
    await this.kamailio?.stop();
    await this.coturn?.stop();
    await Promise.all(this.namespaces().map((ns) => ns.destroy()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Last-resort synchronous cleanup when the process exits before destroy() ran. */
  destroyNow(): void {
    for (const ns of this.namespaces()) {
      try {
        const pids = execFileSync('ip', ['netns', 'pids', ns.name], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).map(Number);
        for (const pid of pids) process.kill(pid, 'SIGKILL');
        execFileSync('ip', ['netns', 'del', ns.name], { stdio: 'pipe' });
      } catch {
        // already gone
      }
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private namespaces(): NetNs[] {
    return [this.pub, this.natA, this.hostA, this.natB, this.hostB];
  }

  private build(): void {
    // veth pairs are created inside the namespaces, so their names never appear in the root namespace
    for (const side of ['A', 'B'] as const) {
      const { ifaces } = PLAN[side];
      const { host, nat } = this.side(side);
      ip(nat, ['link', 'add', ifaces.natWan, 'type', 'veth', 'peer', 'name', ifaces.pub, 'netns', this.pub.name]);
      ip(host, ['link', 'add', ifaces.host, 'type', 'veth', 'peer', 'name', ifaces.natLan, 'netns', nat.name]);
    }
    const pubBatch: string[] = [];
    for (const side of ['A', 'B'] as const) {
      const plan = PLAN[side];
      const { ifaces } = plan;
      const { host, nat, behaviour, blockUdp } = this.side(side);
      pubBatch.push(`addr add ${plan.pub}/${PUBLIC_PREFIX} dev ${ifaces.pub}`, `link set ${ifaces.pub} up`);
      // RFC 1918 addresses are not routed on the public side; without a NAT the host's network is
      if (behaviour === 'none') pubBatch.push(`route add ${plan.lanNet} via ${plan.natWan}`);
      ipBatch(nat, [
        `addr add ${plan.natWan}/${PUBLIC_PREFIX} dev ${ifaces.natWan}`,
        `addr add ${plan.natLan}/24 dev ${ifaces.natLan}`,
        `link set ${ifaces.natWan} up`,
        `link set ${ifaces.natLan} up`,
        `route add default via ${plan.pub}`,
      ]);
      ipBatch(host, [`addr add ${plan.host}/24 dev ${ifaces.host}`, `link set ${ifaces.host} up`, `route add default via ${plan.natLan}`]);
      nat.exec('sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
      // RFC 4787 §4.1: MASQUERADE keeps one mapping per internal address and port (endpoint-independent);
      // --random picks a fresh port for every new destination (address-and-port-dependent, "symmetric")
      if (behaviour === 'cone') nat.exec('iptables', ['-t', 'nat', '-A', 'POSTROUTING', '-o', ifaces.natWan, '-j', 'MASQUERADE']);
      if (behaviour === 'symmetric') nat.exec('iptables', ['-t', 'nat', '-A', 'POSTROUTING', '-o', ifaces.natWan, '-j', 'MASQUERADE', '--random']);
      // A NAT box takes no unsolicited traffic for itself: without this, a peer's early check to our
      // mapping leaves a conntrack entry for the NAT's own port, and our own packet to that peer is
      // then given another source port (a mapping the peer's NAT never saw).
      nat.exec('iptables', ['-A', 'FORWARD', '-i', ifaces.natWan, '-o', ifaces.natWan, '-j', 'DROP']);
      // nor unsolicited traffic for the hosts behind it (RFC 4787 §5: filtering)
      if (behaviour !== 'none') nat.exec('iptables', ['-A', 'FORWARD', '-i', ifaces.natWan, '-o', ifaces.natLan, '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP']);
      if (behaviour !== 'none') nat.exec('iptables', ['-A', 'INPUT', '-i', ifaces.natWan, '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP']);
      if (blockUdp) nat.exec('iptables', ['-A', 'FORWARD', '-i', ifaces.natLan, '-o', ifaces.natWan, '-p', 'udp', '-j', 'DROP']);
    }
    // Private addresses of NATed hosts lead nowhere, silently, as on the Internet: pub sends them to
    // natA, which drops what is not its own LAN (an unroutable "network unreachable" would make
    // coturn close the allocation that tried to relay there).
    pubBatch.push(`route add 10.0.0.0/16 via ${PLAN.A.natWan}`);
    ipBatch(this.pub, pubBatch);
    // pub routes between the two public segments (host A to host B across both NATs)
    this.pub.exec('sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
  }
}

function ip(ns: NetNs, args: string[]): void {
  ns.exec('ip', args);
}

function ipBatch(ns: NetNs, commands: string[]): void {
  ns.exec('ip', ['-batch', '-'], { input: `${commands.join('\n')}\n` });
}
