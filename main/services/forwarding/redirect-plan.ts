import { contactQ, uriEquals, type SipResponse, type Uri } from '../../sip/message';

/** RFC 3261 §8.1.3.4 leaves the recursion depth to the UAC; five hops end any sane chain. */
export const MAX_REDIRECTS = 5;

/** What to do with a 3xx. */
export type RedirectStep = { ok: true; target: Uri } | { ok: false; reason: string };

/** The 3xx responses a UA follows itself: 300 Multiple Choices, 301 Moved Permanently, 302 Moved Temporarily. */
export function isFollowableRedirect(status: number): boolean {
  return status >= 300 && status <= 302;
}

/**
 * Remembers where a call has been sent and picks the next target of a 3xx (RFC 3261 §8.1.3.4,
 * §21.3): its Contacts by q-value, highest first, skipping targets already tried (a loop) and
 * schemes other than sip/sips; stops after MAX_REDIRECTS hops.
 */
export class RedirectPlan {
  private readonly visited: Uri[];
  private hops = 0;

  constructor(first: Uri) {
    this.visited = [first];
  }

  get redirects(): number {
    return this.hops;
  }

  next(response: SipResponse): RedirectStep {
    if (this.hops >= MAX_REDIRECTS) return { ok: false, reason: `too many redirections (more than ${MAX_REDIRECTS})` };
    const candidates = response.contact
      .map((c, i) => ({ uri: c.uri, q: contactQ(c) ?? 1, i }))
      .filter((c) => c.uri.scheme === 'sip' || c.uri.scheme === 'sips')
      .sort((a, b) => b.q - a.q || a.i - b.i);
    if (candidates.length === 0) return { ok: false, reason: `${response.status} ${response.reason} named no SIP address to go to` };
    const fresh = candidates.find((c) => !this.visited.some((v) => uriEquals(v, c.uri)));
    if (!fresh) return { ok: false, reason: 'the redirections went round in a loop' };
    this.visited.push(fresh.uri);
    this.hops++;
    return { ok: true, target: stripUriHeaders(fresh.uri) };
  }
}

/** RFC 3261 §19.1.5: headers in a redirect's URI are not copied blindly into our request. */
function stripUriHeaders(uri: Uri): Uri {
  return uri.headers.size === 0 ? uri : { ...uri, headers: new Map() };
}
