/** Errors cross process boundaries as values, never as thrown exceptions. */
export interface IpcError {
  /** Stable machine-readable code, e.g. `bad-request`, `not-found`, `engine-stopped`. */
  code: string;
  /** A sentence a person can act on. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
