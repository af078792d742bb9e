/** RFC 3261 §18.1.1: the size above which a request leaves UDP when the path MTU is unknown. */
export const UDP_SIZE_LIMIT = 1300;
/** RFC 3261 §18.1.1: a request within this many bytes of a known path MTU leaves UDP. */
export const MTU_MARGIN = 200;

/**
 * RFC 3261 §18.1.1: a request over 1300 bytes (MTU unknown) or within 200 bytes of the path
 * MTU MUST go over a congestion-controlled transport such as TCP, if one is available.
 */
export function mustLeaveUdp(size: number, pathMtu?: number): boolean {
  return pathMtu === undefined ? size > UDP_SIZE_LIMIT : size > pathMtu - MTU_MARGIN;
}
