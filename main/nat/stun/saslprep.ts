import { fault, type StunResult } from './errors';

// RFC 3454 tables used by SASLprep (RFC 4013 §2), as code point ranges.
type Ranges = readonly (readonly [number, number])[];

/** RFC 3454 B.1: commonly mapped to nothing. */
const MAPPED_TO_NOTHING: Ranges = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x1806, 0x1806], [0x180b, 0x180d], [0x200b, 0x200d], [0x2060, 0x2060], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
];

/** RFC 3454 C.1.2: non-ASCII space characters (RFC 4013 §2.1 maps them to U+0020). */
const NON_ASCII_SPACE: Ranges = [[0x00a0, 0x00a0], [0x1680, 0x1680], [0x2000, 0x200b], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000]];

/** RFC 4013 §2.3: C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9 are prohibited. */
const PROHIBITED: Ranges = [
  ...NON_ASCII_SPACE,
  [0x0000, 0x001f], [0x007f, 0x009f], [0x06dd, 0x06dd], [0x070f, 0x070f], [0x180e, 0x180e], [0x200c, 0x200f], [0x2028, 0x202e],
  [0x2060, 0x2063], [0x206a, 0x206f], [0x2ff0, 0x2ffb], [0xd800, 0xdfff], [0xe000, 0xf8ff], [0xfdd0, 0xfdef], [0xfeff, 0xfeff],
  [0xfff9, 0xffff], [0x1d173, 0x1d17a], [0xe0001, 0xe0001], [0xe0020, 0xe007f], [0xf0000, 0x10ffff], [0x0340, 0x0341],
];

/** RFC 3454 D.1: characters with bidirectional property R or AL. */
const RAND_AL_CAT: Ranges = [
  [0x05be, 0x05be], [0x05c0, 0x05c0], [0x05c3, 0x05c3], [0x05d0, 0x05ea], [0x05f0, 0x05f4], [0x061b, 0x061b], [0x061f, 0x061f],
  [0x0621, 0x063a], [0x0640, 0x064a], [0x066d, 0x066f], [0x0671, 0x06d5], [0x06dd, 0x06dd], [0x06e5, 0x06e6], [0x06fa, 0x06fe],
  [0x0700, 0x070d], [0x0710, 0x0710], [0x0712, 0x072c], [0x0780, 0x07a5], [0x07b1, 0x07b1], [0x200f, 0x200f], [0xfb1d, 0xfb1d],
  [0xfb1f, 0xfb28], [0xfb2a, 0xfb36], [0xfb38, 0xfb3c], [0xfb3e, 0xfb3e], [0xfb40, 0xfb41], [0xfb43, 0xfb44], [0xfb46, 0xfbb1],
  [0xfbd3, 0xfd3d], [0xfd50, 0xfd8f], [0xfd92, 0xfdc7], [0xfdf0, 0xfdfc], [0xfe70, 0xfe74], [0xfe76, 0xfefc],
];

function inRanges(cp: number, ranges: Ranges): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** Non-characters U+nFFFE and U+nFFFF of every plane (RFC 3454 C.4). */
function isNonCharacter(cp: number): boolean {
  return (cp & 0xfffe) === 0xfffe;
}

/**
 * SASLprep (RFC 4013), the password preparation of RFC 5389 §15.4 and of the RFC 5769 §2.4
 * vector. Unassigned code points are allowed (a "query" in RFC 3454 §7 terms).
 */
export function saslprep(input: string): StunResult<string> {
  // RFC 4013 §2.1: non-ASCII spaces to SPACE, B.1 characters to nothing
  let mapped = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (inRanges(cp, MAPPED_TO_NOTHING)) continue;
    mapped += inRanges(cp, NON_ASCII_SPACE) ? ' ' : ch;
  }
  // RFC 4013 §2.2: normalization form KC
  const output = mapped.normalize('NFKC');
  const points = [...output].map((c) => c.codePointAt(0)!);
  // RFC 4013 §2.3: prohibited output
  const bad = points.find((cp) => inRanges(cp, PROHIBITED) || isNonCharacter(cp));
  if (bad !== undefined) return fault('value', `SASLprep: U+${bad.toString(16).toUpperCase().padStart(4, '0')} is prohibited`);
  // RFC 4013 §2.4 / RFC 3454 §6: a string with R/AL characters has no L characters and starts and ends with R/AL.
  // L is taken as "a letter that is not R/AL", a close reading of RFC 3454 D.2 for letters.
  if (points.some((cp) => inRanges(cp, RAND_AL_CAT))) {
    const hasL = [...output].some((c) => /\p{L}/u.test(c) && !inRanges(c.codePointAt(0)!, RAND_AL_CAT));
    const ends = inRanges(points[0]!, RAND_AL_CAT) && inRanges(points[points.length - 1]!, RAND_AL_CAT);
    if (hasL || !ends) return fault('value', 'SASLprep: mixed or badly placed right-to-left characters (RFC 3454 §6)');
  }
  return { ok: true, value: output };
}

/**
 * The OpaqueString profile (RFC 8265 §4.2) that RFC 8489 §9.2.2 asks for: non-ASCII spaces to
 * SPACE, NFC, and no control characters or empty result.
 */
export function opaqueString(input: string): StunResult<string> {
  let mapped = '';
  for (const ch of input) mapped += inRanges(ch.codePointAt(0)!, NON_ASCII_SPACE) ? ' ' : ch;
  const output = mapped.normalize('NFC');
  if (output.length === 0) return fault('value', 'OpaqueString: empty string');
  // RFC 8264 §4.3 (FreeformClass): control characters are disallowed
  if (/\p{Cc}/u.test(output)) return fault('value', 'OpaqueString: control characters are not allowed');
  return { ok: true, value: output };
}
