import type { CodecName } from '../../sdp';

/**
 * Codec impairment Ie and packet-loss robustness Bpl for the E-model (ITU-T G.113 Appendix I
 * values for G.711 with PLC; G.722 and Opus on the narrowband R scale, with robustness that
 * reflects their concealment and, for Opus, in-band FEC: our estimates, not standard values).
 */
const IMPAIRMENT: Readonly<Record<CodecName, { ie: number; bpl: number }>> = {
  pcmu: { ie: 0, bpl: 25.1 },
  pcma: { ie: 0, bpl: 25.1 },
  g722: { ie: 0, bpl: 20 },
  opus: { ie: 0, bpl: 30 },
};

/** R with no impairment (G.107 default values). */
const R0 = 93.2;

/**
 * Estimated MOS by a simplified E-model (ITU-T G.107):
 *   R = 93.2 − Id − Ie,eff
 *   Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3), d = one-way mouth-to-ear delay in ms
 *   Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl + Bpl), Ppl = packet loss in percent
 *   MOS = 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶, clamped to 1 … 4.5
 * Echo, noise and the advantage factor are left at their defaults.
 */
export function estimateMos(codec: CodecName, oneWayDelayMs: number, lossPercent: number): number {
  const d = Math.max(0, oneWayDelayMs);
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const { ie, bpl } = IMPAIRMENT[codec];
  const ppl = Math.max(0, Math.min(100, lossPercent));
  const ieEff = ie + ((95 - ie) * ppl) / (ppl + bpl);
  const r = R0 - id - ieEff;
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return Math.min(4.5, Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6));
}
