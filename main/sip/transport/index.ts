/**
 * The SIP transport layer (RFC 3261 §18, RFC 3581, RFC 5626 flows, RFC 5922): the only entry
 * point. `TransportLayer.start(listenSpecs, delegate, options)` binds UDP/TCP/TLS listeners
 * and reports inbound requests, responses and malformed requests to the delegate;
 * `sendRequest` / `sendResponse` (or `transportFor(t).send` for the transaction layer) apply
 * §18.1.1 and §18.2.2; `startKeepAlive` runs RFC 5626 CRLF keep-alives; `close` frees it all.
 */
export { TransportLayer, type ListenSpec, type TransportLayerOptions, type TransportForTransactions } from './transport-layer';
export type { KeepAliveOptions, KeepAliveHandle } from './flow-keep-alives';
export type { TransportDelegate, InboundSource, FailedFlow } from './transport-delegate';
export type { RequestTarget, SentRequest } from './request-sender';
export type { ResponseHint } from './response-sender';
export type { SentByResolver } from './outbound-context';
export type { TlsOptions } from './tls-transport';
export type { Flow } from './flow-token';
export { planResponseRoute, type ResponseRouteStep, type ViaRouteFields } from './response-routing';
export { checkSipServerIdentity, certificateIdentities } from './tls-identity';
export { CrlfKeepAlive, keepAliveDelayMs, PONG_TIMEOUT_MS, STREAM_KEEP_ALIVE_SECONDS, UDP_KEEP_ALIVE_SECONDS } from './crlf-keep-alive';
export { mustLeaveUdp, UDP_SIZE_LIMIT, MTU_MARGIN } from './size-rule';
export {
  TransportError,
  ListenError,
  ConnectError,
  TlsCertificateError,
  TlsIdentityError,
  SendError,
  NoTransportError,
  TransportClosedError,
  StreamFramingError,
  FlowFailedError,
  InvalidFlowTokenError,
} from './errors';
export { isReliable, defaultPort, formatAddress, type TransportAddress, type TransportProtocol, type HostPort } from './transport-address';
export { advertisedHost } from './local-address';
