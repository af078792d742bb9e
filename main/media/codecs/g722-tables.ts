// Constants of ITU-T G.722 (11/1988), 64 kbit/s mode 1, by the block that uses them.

/** Table 11: the 24 QMF coefficients h0..h23, scaled by 2^13. */
export const QMF_COEFFS: readonly number[] = [
  3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
  3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
];

/** QUANTL (Table 14): decision levels of the 6-bit lower sub-band quantizer, scaled by 2^12/DETL. */
export const Q6: readonly number[] = [
  0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
  786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
];

/** QUANTL: codes for negative (ILN) and positive (ILP) differences, by interval number 1..30. */
export const ILN: readonly number[] = [
  0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
  18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
];
export const ILP: readonly number[] = [
  0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
  46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
];

/** INVQAL (Table 16): 4-bit inverse quantizer outputs QQ4, signed, by code IL >> 2, scaled by 2^3. */
export const QM4: readonly number[] = [
  0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
  20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
];

/** INVQBL (Table 17): 6-bit inverse quantizer outputs QQ6, signed, by code IL, scaled by 2^3. */
export const QM6: readonly number[] = [
  -136, -136, -136, -136, -24808, -21904, -19008, -16704,
  -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
  -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
  -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
  24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
  10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
  4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
  1688, 1360, 1040, 728, 432, 136, -432, -136,
];

/** LOGSCL (Table 18): RIL → IL4, then the log scale factor multiplier WL. */
export const RL42: readonly number[] = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];
export const WL: readonly number[] = [-60, -30, 58, 172, 334, 538, 1198, 3042];

/** SCALEL/SCALEH (Table 19): ILB, the antilog table 2^(i/32) scaled by 2^11. */
export const ILB: readonly number[] = [
  2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
  2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
];

/** QUANTH (Table 20): decision level Q2 = 564 (scaled by 2^12/DETH) and the codes IHN/IHP by MIH. */
export const Q2 = 564;
export const IHN: readonly number[] = [0, 1, 0];
export const IHP: readonly number[] = [0, 3, 2];

/** INVQAH (Table 21): QQ2 signed by IH, scaled by 2^3. */
export const QM2: readonly number[] = [-7408, -1616, 7408, 1616];

/** LOGSCH (Table 22): IH → IH2, then WH. */
export const RH2: readonly number[] = [2, 1, 2, 1];
export const WH: readonly number[] = [0, -214, 798];

/** Limits of the log scale factors NBL and NBH (LOGSCL, LOGSCH). */
export const NBL_MAX = 18432;
export const NBH_MAX = 22528;

/** Reset values of DETL and DETH (§6.2). */
export const DETL_RESET = 32;
export const DETH_RESET = 8;
