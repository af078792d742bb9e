/**
 * ICE for one audio stream (RFC 8445, SDP per RFC 8839) on werift's ICE agent: host,
 * server-reflexive and relayed candidates (STUN RFC 8489, TURN RFC 8656 over UDP or TCP),
 * both roles, ICE-lite peers, consent freshness (RFC 7675); and the datagram paths media
 * uses over it: the selected pair, or the default candidate's socket for a peer without ICE.
 */
export { IceAgent, type IceAgentOptions, type IceAgentState, type IceEndpoint, type IceRole, type RemoteIce, type SelectedPair } from './ice-agent';
export { pickDefault, type CandidateType, type IceCandidateLine } from './ice-candidate';
export type { DatagramAddress, DatagramSocket } from './datagram-socket';
export { IcePathSocket } from './ice-path-socket';
export { PlainCandidateSocket } from './plain-candidate-socket';
export { NatServerUriError, STUN_DEFAULT_PORT, formatNatServer, parseStunUri, parseTurnUri, type IceConfig, type NatServers, type StunServer, type TurnServer } from './nat-servers';
export { hostAddresses } from './host-addresses';
