/** What the endpoint does with an incoming call before the user answers (RFC 5638 §3). */
export { decideIncoming, type IncomingDecision, type IncomingFacts, type RingTimeout } from './incoming-rules';
export { rulesFor, type ServiceRules } from './account-services';
