import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventChannels, fail, type Result } from '../../../shared/ipc';
import { parseRequestFrame, type EventFrame, type ResultFrame } from './bridge-frames';
import { readStatic } from './static-files';
import { AudioRelay, type BridgeAudio } from './audio-relay';
import { createToken, tokenMatches } from './web-token';

/** What the bridge drives: the Communicator. */
export interface BridgeEngine {
  request(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  events: { onAny(listener: (name: string, payload: unknown) => void): () => void };
}

export interface WebBridgeOptions {
  engine: BridgeEngine;
  /** The built renderer to serve. */
  rendererDir: string;
  /** 0 takes a free port. */
  port: number;
  /** Generated when not given. */
  token?: string;
  /** Larger frames close the connection (code 1009). */
  maxFrameBytes?: number;
  /** The engine's audio device; binary WebSocket messages carry its frames (see audio-relay.ts). */
  audio?: BridgeAudio;
}

export const WS_PATH = '/ws';
const HOST = '127.0.0.1';
const DEFAULT_MAX_FRAME = 64 * 1024;

/**
 * The browser carrier of the IPC contract: serves the renderer on 127.0.0.1 and carries
 * requests and events over one WebSocket. Only a page from our own origin holding the
 * token may connect; every payload still goes through the engine's zod validation.
 */
export class WebBridge {
  private readonly sockets = new Set<WebSocket>();
  private stopEvents: (() => void) | undefined;
  private audio: AudioRelay | undefined;

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    readonly token: string,
  ) {}

  get origin(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** What to open in a browser. */
  get url(): string {
    return `${this.origin}/?token=${this.token}`;
  }

  static async start(options: WebBridgeOptions): Promise<WebBridge> {
    const token = options.token ?? createToken();
    const server = http.createServer();
    const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? DEFAULT_MAX_FRAME });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bridge = new WebBridge(server, wss, (server.address() as AddressInfo).port, token);
    server.on('request', (req, res) => void bridge.serveHttp(options.rendererDir, req, res));
    server.on('upgrade', (req, socket, head) => bridge.upgrade(req, socket, head, options.engine));
    bridge.stopEvents = bridge.forwardEvents(options.engine);
    if (options.audio) bridge.audio = new AudioRelay(options.audio);
    return bridge;
  }

  async close(): Promise<void> {
    this.stopEvents?.();
    this.audio?.close();
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** DNS rebinding defence: the Host header must name our own address. */
  private hostIsOurs(req: http.IncomingMessage): boolean {
    return req.headers.host === `${HOST}:${this.port}`;
  }

  private async serveHttp(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const headers: http.OutgoingHttpHeaders = {
      'Content-Security-Policy': webContentSecurityPolicy(this.port),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      // The token travels in the page URL; it must never leak in a Referer.
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (!this.hostIsOurs(req)) {
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed');
      return;
    }
    // The raw path, not a URL-normalised one, so an encoded `..` is seen and refused.
    const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const file = await readStatic(root, pathname);
    res.writeHead(file.status, { ...headers, 'Content-Type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, engine: BridgeEngine): void {
    const url = new URL(req.url ?? '/', this.origin);
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH || !this.hostIsOurs(req)) return refuse('404 Not Found');
    if (req.headers.origin !== this.origin) return refuse('403 Forbidden');
    if (!tokenMatches(this.token, url.searchParams.get('token'))) return refuse('401 Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, engine));
  }

  private attach(ws: WebSocket, engine: BridgeEngine): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        // Audio frames arrive 50 times a second: a bad one is counted by the device, not answered.
        if (this.audio) return void this.audio.microphone(ws, data);
        return send(ws, { id: null, result: fail('bad-frame', 'Frames are JSON text.') });
      }
      const frame = parseRequestFrame(data.toString());
      if ('result' in frame) return send(ws, frame);
      void engine
        .request(frame.channel, frame.payload)
        .catch((err: unknown) => fail('internal', err instanceof Error ? err.message : String(err)))
        .then((result) => send(ws, { id: frame.id, result }));
    });
  }

  private forwardEvents(engine: BridgeEngine): () => void {
    const allowed = new Set(eventChannels);
    return engine.events.onAny((name, payload) => {
      if (!allowed.has(name)) return;
      for (const ws of this.sockets) send(ws, { event: name, payload });
    });
  }
}

function send(ws: WebSocket, frame: ResultFrame | EventFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

/** The page may talk only to itself and to this bridge's WebSocket. */
export function webContentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://${HOST}:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
