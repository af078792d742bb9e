// Locating SIP servers: RFC 3263 (NAPTR, SRV, A/AAAA) with RFC 2782 SRV ordering and failover.
export { LocateError, type LocateFault, type DnsFailure, type DnsProblem } from './errors';
export { defaultPort, type SipTarget, type SipTransport, type LocateRequest } from './sip-target';
export { NodeDnsClient, type DnsClient, type DnsAnswer, type NaptrRecord, type SrvRecord, type NodeDnsClientOptions } from './dns-client';
export { CachingDnsClient, type DnsCacheOptions } from './dns-cache';
export { orderSrv, type RandomSource } from './srv-order';
export { sipNaptrChoices, type NaptrChoice } from './naptr';
export { resolveTargets, srvName, type LocateResult, type ResolveDeps } from './resolve-targets';
export { Blacklist } from './blacklist';
export { TargetIterator } from './target-iterator';
export { SipLocator, type SipLocatorOptions, type OpenResult } from './sip-locator';
