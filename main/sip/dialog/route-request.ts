import { formatNameAddr, formatUri, type NameAddr, type Uri } from '../message';

export interface RoutedTarget {
  /** The Request-URI to use. */
  readonly requestUri: Uri;
  /** Route header values, in order. */
  readonly route: readonly string[];
}

/**
 * RFC 3261 §12.2.1.1: the Request-URI and Route of a request inside a dialog, for a loose
 * (lr) or strict first route.
 */
export function routeRequest(remoteTarget: Uri, routeSet: readonly NameAddr[]): RoutedTarget {
  const first = routeSet[0];
  if (!first) return { requestUri: remoteTarget, route: [] };
  if (first.uri.params.has('lr')) return { requestUri: remoteTarget, route: routeSet.map(formatNameAddr) };
  // Strict router: its URI becomes the Request-URI and the remote target goes last in Route.
  const route = routeSet.slice(1).map(formatNameAddr);
  route.push(`<${formatUri(remoteTarget)}>`);
  return { requestUri: stripForRequestUri(first.uri), route };
}

/** RFC 3261 §19.1.1 table: method and header components are not allowed in a Request-URI. */
function stripForRequestUri(uri: Uri): Uri {
  if (uri.headers.size === 0 && !uri.params.has('method')) return uri;
  const params = new Map(uri.params);
  params.delete('method');
  return { ...uri, params, headers: new Map() };
}
