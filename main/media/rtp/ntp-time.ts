/** Seconds from the NTP era (1900) to the Unix epoch (RFC 868 / RFC 5905). */
export const NTP_UNIX_OFFSET = 2_208_988_800;

export interface NtpTime {
  seconds: number;
  fraction: number;
}

/** RFC 3550 §4: a 64-bit NTP timestamp from Unix milliseconds. */
export function ntpFromUnixMs(ms: number): NtpTime {
  const whole = Math.floor(ms / 1000);
  const fraction = Math.floor(((ms - whole * 1000) / 1000) * 2 ** 32);
  return { seconds: (whole + NTP_UNIX_OFFSET) >>> 0, fraction: Math.min(fraction, 0xffffffff) >>> 0 };
}

/** RFC 3550 §4: the middle 32 bits of an NTP timestamp (16.16 fixed point), as in LSR. */
export function ntpMiddle(t: NtpTime): number {
  return (((t.seconds & 0xffff) << 16) | (t.fraction >>> 16)) >>> 0;
}
