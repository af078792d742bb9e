import { z } from 'zod';
import { event, request } from './define';

/** Engine lifecycle as the UI sees it. */
export type EngineState = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface ListeningAddress {
  transport: 'udp' | 'tcp' | 'tls';
  host: string;
  port: number;
}

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';

export interface RegistrationStatus {
  /** Address of record, e.g. `sip:alice@example.com`. */
  aor: string;
  state: RegistrationState;
  /** Seconds the registrar granted, when registered. */
  expires?: number;
  /** Why it failed, in words, when it did. */
  reason?: string;
}

export interface AppStatus {
  version: string;
  engine: EngineState;
  /** The local identity used when there is no account: `sip:user@address`. */
  identity: string;
  listening: ListeningAddress[];
  registrations: RegistrationStatus[];
  /** Set when `engine` is `failed`. */
  error?: string;
}

export const appRequests = {
  getStatus: request<AppStatus>()('app:get-status', z.undefined()),
};

export const appEvents = {
  status: event<AppStatus>()('app:status'),
};
