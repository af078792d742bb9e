/**
 * Call forwarding in the endpoint (RFC 5638 §3.1): redirection with 3xx, never proxying.
 * The callee answers 302 with the new target in Contact; the caller follows it itself.
 */
export { diversionValue, diversions, forwardedFrom, type DiversionReason } from './diversion';
export { RedirectPlan, MAX_REDIRECTS, isFollowableRedirect, type RedirectStep } from './redirect-plan';
