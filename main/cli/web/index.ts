export { WebBridge, WS_PATH, webContentSecurityPolicy, type BridgeEngine, type WebBridgeOptions } from './web-bridge';
export { findRendererDir } from './renderer-dir';
export { parseRequestFrame, type RequestFrame, type ResultFrame, type EventFrame } from './bridge-frames';
export { resolveStaticPath } from './static-files';
