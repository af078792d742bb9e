import {
  createRequest,
  formatNameAddr,
  formatUri,
  type BodyInit,
  type HeaderInit,
  type NameAddr,
  type SipRequest,
  type SipResponse,
  type Uri,
} from '../message';
import { dialogKey, type DialogId } from './dialog-id';
import { DialogError } from './errors';
import { randomCSeq } from './random-cseq';
import { routeRequest } from './route-request';

export type DialogState = 'early' | 'confirmed' | 'terminated';

/** Methods whose requests and 2xx responses refresh the remote target (RFC 3261 §12.2, RFC 6665 §4.1.2.1, RFC 3515). */
const TARGET_REFRESH = new Set(['INVITE', 'UPDATE', 'SUBSCRIBE', 'NOTIFY', 'REFER']);

interface DialogInit {
  id: DialogId;
  state: DialogState;
  localUri: NameAddr;
  remoteUri: NameAddr;
  remoteTarget: Uri;
  routeSet: NameAddr[];
  localSeq: number | undefined;
  remoteSeq: number | undefined;
  secure: boolean;
}

/**
 * A dialog (RFC 3261 §12): the peer-to-peer relationship that INVITE and SUBSCRIBE create.
 * It keeps the route set, the remote target and both CSeq spaces, and builds in-dialog requests.
 */
export class Dialog {
  readonly id: DialogId;
  readonly key: string;
  readonly localUri: NameAddr;
  readonly remoteUri: NameAddr;
  readonly secure: boolean;
  private dialogState: DialogState;
  private target: Uri;
  private routes: NameAddr[];
  private localSeq: number | undefined;
  private remoteSeq: number | undefined;

  private constructor(init: DialogInit) {
    this.id = init.id;
    this.key = dialogKey(init.id);
    this.dialogState = init.state;
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.target = init.remoteTarget;
    this.routes = init.routeSet;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.secure = init.secure;
  }

  /** RFC 3261 §12.1.2: the UAC side, from a 1xx (early) or 2xx (confirmed) response with a To tag. */
  static asUac(request: SipRequest, response: SipResponse): Dialog {
    const remoteTag = response.toTag;
    const localTag = request.fromTag;
    if (!remoteTag || !localTag) throw new DialogError('missing-tag', 'A dialog needs tags on both From and To');
    const contact = response.contact[0];
    if (!contact && response.status >= 200) throw new DialogError('missing-contact', 'A dialog-creating 2xx must carry a Contact');
    return new Dialog({
      id: { callId: request.callId, localTag, remoteTag },
      state: response.status >= 200 ? 'confirmed' : 'early',
      localUri: request.from,
      remoteUri: response.to,
      // An early dialog from a 1xx without Contact targets the Request-URI until one arrives.
      remoteTarget: contact?.uri ?? request.uri,
      routeSet: [...response.recordRoute].reverse(),
      localSeq: request.cseq.seq,
      remoteSeq: undefined,
      secure: request.uri.scheme === 'sips',
    });
  }

  /** RFC 3261 §12.1.1: the UAS side, when it sends a 1xx or 2xx with `localTag` in To. */
  static asUas(request: SipRequest, localTag: string, state: 'early' | 'confirmed' = 'confirmed'): Dialog {
    const remoteTag = request.fromTag;
    if (!remoteTag) throw new DialogError('missing-tag', 'The request has no From tag', 400);
    const contact = request.contact[0];
    if (!contact) throw new DialogError('missing-contact', 'A dialog-creating request must carry a Contact', 400);
    return new Dialog({
      id: { callId: request.callId, localTag, remoteTag },
      state,
      localUri: withTag(request.to, localTag),
      remoteUri: request.from,
      remoteTarget: contact.uri,
      routeSet: [...request.recordRoute],
      localSeq: undefined,
      remoteSeq: request.cseq.seq,
      secure: request.uri.scheme === 'sips' && request.via[0]?.transport === 'TLS',
    });
  }

  get state(): DialogState {
    return this.dialogState;
  }
  get remoteTarget(): Uri {
    return this.target;
  }
  get routeSet(): readonly NameAddr[] {
    return this.routes;
  }
  /** The CSeq of the last request we sent in this dialog. */
  get localCSeq(): number | undefined {
    return this.localSeq;
  }

  /** An early dialog becomes confirmed on a 2xx (RFC 3261 §12.1.2); the route set is then final. */
  confirm(response?: SipResponse): void {
    if (this.dialogState === 'terminated') return;
    if (response && this.dialogState === 'early') this.routes = [...response.recordRoute].reverse();
    this.dialogState = 'confirmed';
    if (response) this.refreshFromResponse(response);
  }

  terminate(): void {
    this.dialogState = 'terminated';
  }

  /**
   * RFC 3261 §12.2.1.1: a request inside the dialog. CSeq increments except for ACK and CANCEL,
   * which reuse `cseq` (the INVITE's).
   */
  createRequest(method: string, options: { headers?: HeaderInit; body?: BodyInit; cseq?: number; contact?: string } = {}): SipRequest {
    if (this.dialogState === 'terminated' && method !== 'ACK') {
      throw new DialogError('terminated', `Cannot send ${method}: the dialog has ended`);
    }
    let seq: number;
    if (method === 'ACK' || method === 'CANCEL') {
      seq = options.cseq ?? this.localSeq ?? randomCSeq();
    } else {
      seq = this.localSeq === undefined ? randomCSeq() : this.localSeq + 1;
      this.localSeq = seq;
    }
    const { requestUri, route } = routeRequest(this.target, this.routes);
    const headers: (readonly [string, string | number])[] = [
      ['From', formatNameAddr(this.localUri)],
      ['To', formatNameAddr(this.remoteUri)],
      ['Call-ID', this.id.callId],
      ['CSeq', `${seq} ${method}`],
    ];
    for (const r of route) headers.push(['Route', r]);
    if (options.contact !== undefined) headers.push(['Contact', options.contact]);
    headers.push(...(options.headers ?? []));
    return createRequest(method, requestUri, headers, options.body);
  }

  /**
   * RFC 3261 §12.2.2: checks an incoming in-dialog request's CSeq and applies a target refresh.
   * Throws DialogError with status 500 for a CSeq lower than the last one.
   */
  receiveRequest(request: SipRequest): void {
    const seq = request.cseq.seq;
    if (request.method !== 'ACK' && request.method !== 'CANCEL') {
      if (this.remoteSeq !== undefined && seq <= this.remoteSeq) {
        throw new DialogError('cseq-out-of-order', `CSeq ${seq} is not above ${this.remoteSeq}`, 500);
      }
      this.remoteSeq = seq;
    }
    if (TARGET_REFRESH.has(request.method)) this.refreshTarget(request.contact[0]);
  }

  /** RFC 3261 §12.2.1.2: a 2xx to a target-refresh request updates the remote target. */
  refreshFromResponse(response: SipResponse): void {
    if (response.status >= 200 && response.status < 300 && TARGET_REFRESH.has(response.cseq.method)) {
      this.refreshTarget(response.contact[0]);
    }
  }

  /** Where the next request goes before DNS: the first Route's URI or the Request-URI (RFC 3261 §8.1.2). */
  nextHop(): Uri {
    return this.routes[0]?.uri ?? this.target;
  }

  describe(): string {
    return `${formatUri(this.remoteUri.uri)} (${this.dialogState})`;
  }

  private refreshTarget(contact: NameAddr | undefined): void {
    if (contact) this.target = contact.uri;
  }
}

function withTag(addr: NameAddr, tag: string): NameAddr {
  const params = new Map(addr.params);
  params.set('tag', tag);
  return { ...addr, params };
}
