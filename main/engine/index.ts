export { Communicator, type CommunicatorOptions, type OptionsResult } from './communicator';
export { EngineError, dispatch, type Handler, type HandlerTable } from './dispatch';
export { parseListenSpec, formatListenSpec, type ListenSpec } from './listen-spec';
export type { EngineEvents } from './engine-events';
export { VERSION, PRODUCT, USER_AGENT } from './version';
export { parseAccount, type AccountConfig } from './account-config';
export type { EngineFeature, FeatureContext } from './feature';
export type { FeatureOptions, CallsOptions } from './features';
export { AudioDevice, type AudioDeviceOptions, type AudioDeviceStats, type DeviceLeg } from './audio-device';
