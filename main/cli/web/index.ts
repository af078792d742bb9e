export { WebBridge, WS_PATH, webContentSecurityPolicy, type BridgeEngine, type WebBridgeOptions } from './web-bridge';
export { findRendererDir } from './renderer-dir';
export type { RequestFrame, ResultFrame, EventFrame } from './bridge-frames';
export type { BridgeAudio } from './audio-relay';
