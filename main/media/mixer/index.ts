/** The local conference mixer: N−1 mixes of 20 ms frames at the device rate, soft-limited. */
export { AudioMixer, type MixerPort } from './audio-mixer';
export { mixMinusOne } from './mix-minus';
export { softLimit, LIMIT_KNEE } from './soft-limit';
export { FrameQueue } from './frame-queue';
