import { main } from './main';

const code = await main(process.argv.slice(2));
// Exit once output is flushed rather than when the event loop drains: a TURN client's refresh
// timer (werift) may outlive the engine by minutes.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
