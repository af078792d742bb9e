/** Human text by default; one JSON object per line with --json. */
export interface Output {
  readonly json: boolean;
  /** A named event with its data. */
  event(name: string, data: Record<string, unknown>, human: string): void;
  /** A line for people only (not printed in --json mode). */
  info(text: string): void;
  error(text: string): void;
}

export function createOutput(json: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    event(name, data, human) {
      out.write(json ? `${JSON.stringify({ event: name, time: new Date().toISOString(), ...data })}\n` : `${human}\n`);
    },
    info(text) {
      if (!json) out.write(`${text}\n`);
    },
    error(text) {
      if (json) out.write(`${JSON.stringify({ event: 'error', time: new Date().toISOString(), message: text })}\n`);
      err.write(`litesip: ${text}\n`);
    },
  };
}
