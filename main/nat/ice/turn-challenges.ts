import { classes, parseMessage, type Message } from 'werift';

type WeriftAddress = readonly [string, number];

/** The parts of werift's TURN client this repair touches. */
interface TurnClientInternals {
  transactions: Record<string, { responseReceived(message: Message, addr: WeriftAddress): void } | undefined>;
  handleSTUNMessage(data: Buffer, addr: WeriftAddress): void;
}

/**
 * RFC 8489 §9.2.5 and RFC 8656 §7.3: a 401 or 438 (Stale Nonce) error response carries no
 * MESSAGE-INTEGRITY, since it hands out a new nonce; the client retries with it. werift checks
 * integrity on every response of an authenticated TURN transaction, drops these, and then
 * times out (its CreatePermission and ChannelBind never recover from a nonce the server
 * replaced). This lets such challenges reach the transaction, which retries with the new nonce.
 */
export function acceptTurnChallenges(turn: unknown): void {
  const client = turn as Partial<TurnClientInternals> | undefined;
  if (!client || typeof client.handleSTUNMessage !== 'function' || !client.transactions) return;
  const original = client.handleSTUNMessage.bind(client);
  const transactions = client.transactions;
  client.handleSTUNMessage = (data: Buffer, addr: WeriftAddress): void => {
    const message = parseMessage(data);
    if (message?.messageClass === classes.ERROR) {
      const code = (message.getAttributeValue('ERROR-CODE') as [number, string] | undefined)?.[0];
      const transaction = transactions[message.transactionIdHex];
      if ((code === 401 || code === 438) && transaction) return transaction.responseReceived(message, addr);
    }
    original(data, addr);
  };
}
