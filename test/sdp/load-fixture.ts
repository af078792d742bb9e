import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../fixtures/sdp');

/** A stored SDP body with CRLF line ends, as it arrives in a SIP message. */
export function loadFixture(name: string): string {
  return fs.readFileSync(path.join(DIR, name), 'utf8').replace(/\r?\n/g, '\r\n');
}
