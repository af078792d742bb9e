import type { ChatMessage, DeliveryChange, PeerTyping } from '../../shared/ipc';

/** What the chat service reports upward (to the engine, which turns it into contract events). */
export interface ChatDelegate {
  messageReceived(message: ChatMessage): void;
  deliveryChanged(change: DeliveryChange): void;
  peerTyping(typing: PeerTyping): void;
}
