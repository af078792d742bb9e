import type { z } from 'zod';

/**
 * One request of the contract: a namespaced channel, the zod schema its payload must
 * pass, and (as a phantom type) the value it answers with.
 */
export interface RequestDef<C extends string = string, S extends z.ZodType = z.ZodType, R = unknown> {
  readonly kind: 'request';
  readonly channel: C;
  readonly schema: S;
  readonly response?: R;
}

/** One event the engine pushes to the UI. */
export interface EventDef<C extends string = string, P = unknown> {
  readonly kind: 'event';
  readonly channel: C;
  readonly payload?: P;
}

/** `request<Response>()(channel, schema)`: the response type is given, the rest inferred. */
export function request<R>() {
  return <C extends string, S extends z.ZodType>(channel: C, schema: S): RequestDef<C, S, R> => ({
    kind: 'request',
    channel,
    schema,
  });
}

export function event<P>() {
  return <C extends string>(channel: C): EventDef<C, P> => ({ kind: 'event', channel });
}

export type PayloadOf<D> = D extends RequestDef<string, infer S, unknown> ? z.input<S> : never;
export type ParsedPayloadOf<D> = D extends RequestDef<string, infer S, unknown> ? z.output<S> : never;
export type ResponseOf<D> = D extends RequestDef<string, z.ZodType, infer R> ? R : never;
export type EventPayloadOf<D> = D extends EventDef<string, infer P> ? P : never;
