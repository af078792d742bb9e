import { VERSION } from '../engine';
import { callCommand, callHelp } from './commands/call';
import { exportCommand, exportHelp } from './commands/export';
import { importCommand, importHelp } from './commands/import';
import { messageCommand, messageHelp } from './commands/message';
import { optionsCommand, optionsHelp } from './commands/options';
import { presenceCommand, presenceHelp } from './commands/presence';
import { registerCommand, registerHelp } from './commands/register';
import { runCommand, runHelp } from './commands/run';
import { voicemailCommand, voicemailHelp } from './commands/voicemail';
import { UsageError } from './usage-error';

type Command = { summary: string; help: string; run(argv: string[]): Promise<number> };

/** Every subcommand of the headless twin; later features add theirs here. */
export const commands: Record<string, Command> = {
  run: { summary: 'stay up as a user agent', help: runHelp, run: runCommand },
  call: { summary: 'place a call, play audio into it, record what comes back', help: callHelp, run: callCommand },
  options: { summary: 'ask a SIP address what it can do (OPTIONS)', help: optionsHelp, run: optionsCommand },
  message: { summary: 'send an instant message (MESSAGE)', help: messageHelp, run: messageCommand },
  presence: { summary: 'watch the presence of a SIP address until stopped', help: presenceHelp, run: presenceCommand },
  register: { summary: 'register an account with its registrar', help: registerHelp, run: registerCommand },
  export: { summary: 'write the local store to one archive file', help: exportHelp, run: exportCommand },
  import: { summary: 'restore an archive into a fresh data folder', help: importHelp, run: importCommand },
  voicemail: { summary: 'list, play (as WAV) or delete the messages callers left', help: voicemailHelp, run: voicemailCommand },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return `LiteSIP ${VERSION} — headless twin of the LiteSIP communicator

Usage: litesip <command> [flags]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run "litesip <command> --help" for a command's flags.
Exit codes: 0 success, 1 failure (with a reason), 2 bad usage.`;
}

/** Returns the process exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`litesip: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      process.stderr.write(`litesip ${name}: ${(err as Error).message}\nRun "litesip ${name} --help" for usage.\n`);
      return 2;
    }
    process.stderr.write(`litesip ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
