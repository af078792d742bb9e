/** RFC 3261 §17.1.1.2 (Figure 5) and RFC 6026 §7.2: states of the INVITE client transaction. */
export type InviteClientState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

/** RFC 3261 §17.1.2.2 (Figure 6): states of the non-INVITE client transaction. */
export type NonInviteClientState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** RFC 3261 §17.2.1 (Figure 7) and RFC 6026 §7.1: states of the INVITE server transaction. */
export type InviteServerState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

/** RFC 3261 §17.2.2 (Figure 8): states of the non-INVITE server transaction. */
export type NonInviteServerState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export type TransactionState = InviteClientState | NonInviteClientState | InviteServerState | NonInviteServerState;
