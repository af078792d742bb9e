import type { Dialog } from '../dialog';
import type { BodyInit, HeaderInit, SipResponse } from '../message';
import type { UserAgent } from './user-agent';

/**
 * RFC 3261 §12.2.1.1: a request inside an established dialog (REFER, NOTIFY), sent to the
 * dialog's next hop; resolves with the final response (a local 408/503 when nothing answered).
 */
export async function sendInDialog(
  ua: UserAgent,
  dialog: Dialog,
  method: string,
  init: { headers?: HeaderInit; body?: BodyInit; contact?: boolean } = {},
): Promise<SipResponse> {
  const target = await ua.firstHop(dialog.nextHop());
  const request = dialog.createRequest(method, {
    headers: [['User-Agent', ua.product], ...(init.headers ?? [])],
    ...(init.body ? { body: init.body } : {}),
    ...(init.contact ? { contact: ua.contact(target.transport, dialog.remoteTarget.host) } : {}),
  });
  const { response } = await ua.send(request, { target });
  return response;
}
