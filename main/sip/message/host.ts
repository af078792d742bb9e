/** RFC 3261 §25.1 host = hostname / IPv4address / IPv6reference; RFC 5118 for IPv6. */

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each at most 255. */
export function isIpv4(s: string, i = 0, end = s.length): boolean {
  let parts = 0;
  while (parts < 4) {
    let n = 0;
    let digits = 0;
    while (i < end && isDigit(s.charCodeAt(i)) && digits < 4) {
      n = n * 10 + s.charCodeAt(i) - 48;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || n > 255) return false;
    parts++;
    if (parts < 4) {
      if (s.charCodeAt(i) !== 46) return false;
      i++;
    }
  }
  return i === end;
}

/** RFC 4291 §2.2 text forms (what RFC 3261 §25.1 IPv6address allows), without brackets. */
export function isIpv6(s: string, i = 0, end = s.length): boolean {
  if (end - i < 2) return false;
  let groups = 0;
  let compressed = false;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    compressed = true;
    i += 2;
    if (i === end) return true;
  }
  while (i < end) {
    let j = i;
    while (j < end && j - i < 5 && isHex(s.charCodeAt(j))) j++;
    const c = s.charCodeAt(j);
    if (j < end && c === 46) {
      // trailing IPv4 part takes two groups
      if (!isIpv4(s, i, end)) return false;
      groups += 2;
      i = end;
      break;
    }
    if (j === i || j - i > 4) return false;
    groups++;
    if (j === end) {
      i = j;
      break;
    }
    if (c !== 58) return false;
    if (s.charCodeAt(j + 1) === 58) {
      if (compressed) return false;
      compressed = true;
      i = j + 2;
      if (i === end) break;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  return compressed ? groups < 8 : groups === 8;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** hostname = *( domainlabel "." ) toplabel [ "." ]; toplabel starts with a letter. */
export function isHostname(s: string, i = 0, end = s.length): boolean {
  if (i >= end) return false;
  if (s.charCodeAt(end - 1) === 46) end--;
  let labelStart = i;
  let lastLabelStart = i;
  for (let p = i; p <= end; p++) {
    const c = p < end ? s.charCodeAt(p) : 46;
    if (c === 46) {
      if (p === labelStart) return false;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(p - 1) === 45) return false;
      lastLabelStart = labelStart;
      labelStart = p + 1;
    } else if (!isAlnum(c) && c !== 45 && c !== 95) {
      return false;
    }
  }
  const first = s.charCodeAt(lastLabelStart);
  return !isDigit(first);
}

/** host as it appears in a SIP URI or Via sent-by. */
export function isHost(s: string, i = 0, end = s.length): boolean {
  if (i >= end) return false;
  if (s.charCodeAt(i) === 91) return s.charCodeAt(end - 1) === 93 && isIpv6(s, i + 1, end - 1);
  return isIpv4(s, i, end) || isHostname(s, i, end);
}

/**
 * Scans and checks a host starting at `s[i]` (an IPv6 reference in brackets, an IPv4
 * address or a host name), stopping at `:` `;` `?` `,` `>` whitespace or `end`, in one pass.
 * Returns the index after it, or -1 when it is not a valid host.
 */
export function scanHost(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    if (close < 0 || close >= end || !isIpv6(s, i + 1, close)) return -1;
    return close + 1;
  }
  const start = i;
  let labelStart = i;
  let digitsAndDots = true;
  let topStartsWithDigit = false;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      // "." ends a label: labels are not empty and do not start or end with "-"
      if (i === labelStart || s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return -1;
      labelStart = i + 1;
    } else if (c >= 48 && c <= 57) {
      if (i === labelStart) topStartsWithDigit = true;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 95) {
      if (i === labelStart) topStartsWithDigit = false;
      digitsAndDots = false;
    } else if (c === 58 || c === 59 || c === 63 || c === 44 || c === 62 || c === 32 || c === 9) {
      break;
    } else {
      return -1;
    }
    i++;
  }
  if (i === start) return -1;
  if (digitsAndDots) return isIpv4(s, start, i) ? i : -1;
  // a trailing "." is allowed; the top label starts with a letter
  const last = labelStart === i ? i - 1 : i;
  if (labelStart === i && labelStart - 1 === start) return -1;
  if (s.charCodeAt(last - 1) === 45) return -1;
  if (labelStart < i && topStartsWithDigit) return -1;
  return i;
}
