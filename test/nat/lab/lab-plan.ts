// The lab's address plan (PEERS.md §3), in documentation and private ranges only:
//
//   hostA 10.0.1.2 --(ha|la)-- natA 10.0.1.1 / 203.0.113.2   --(wa|pa)-- pub 203.0.113.1   (coturn)
//   hostB 10.0.2.2 --(hb|lb)-- natB 10.0.2.1 / 203.0.113.130 --(wb|pb)-- pub 203.0.113.129 (coturn)

export type LabSide = 'A' | 'B';

/**
 * How a NAT treats a side's traffic (RFC 4787 terms):
 * - `none`: routed without translation; the host's own address is seen on the public side.
 * - `cone`: endpoint-independent mapping, address-and-port-dependent filtering (MASQUERADE).
 * - `symmetric`: address-and-port-dependent mapping (MASQUERADE --random) and filtering.
 */
export type NatBehaviour = 'none' | 'cone' | 'symmetric';

export interface SidePlan {
  readonly host: string;
  readonly natLan: string;
  readonly natWan: string;
  readonly pub: string;
  readonly lanNet: string;
  /** Interface names: host side, NAT LAN side, NAT WAN side, pub side. */
  readonly ifaces: { readonly host: string; readonly natLan: string; readonly natWan: string; readonly pub: string };
}

export const PLAN: Readonly<Record<LabSide, SidePlan>> = {
  A: {
    host: '10.0.1.2',
    natLan: '10.0.1.1',
    natWan: '203.0.113.2',
    pub: '203.0.113.1',
    lanNet: '10.0.1.0/24',
    ifaces: { host: 'ha', natLan: 'la', natWan: 'wa', pub: 'pa' },
  },
  B: {
    host: '10.0.2.2',
    natLan: '10.0.2.1',
    natWan: '203.0.113.130',
    pub: '203.0.113.129',
    lanNet: '10.0.2.0/24',
    ifaces: { host: 'hb', natLan: 'lb', natWan: 'wb', pub: 'pb' },
  },
};

/** Each public segment is a /25 of 203.0.113.0/24 (TEST-NET-3, RFC 5737). */
export const PUBLIC_PREFIX = 25;

/** coturn's STUN/TURN port on both public addresses of `pub`. */
export const TURN_PORT = 3478;

/** coturn's relay port range. */
export const RELAY_PORTS = { min: 49152, max: 49252 } as const;
