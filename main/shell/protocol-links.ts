import { sipTargetSchema, type Result } from '../../shared/ipc';
import { shellStrings } from './strings';

/** The URI schemes LiteSIP opens (RFC 3261 §19.1 sip/sips, RFC 3966 tel). */
export const LINK_SCHEMES = ['sip', 'sips', 'tel'] as const;

const LINK = /^(sips?|tel):/i;

/** The first `sip:`, `sips:` or `tel:` argument of a command line (Windows and Linux pass links this way). */
export function linkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((a) => LINK.test(a));
}

/**
 * What a link asks to call, in the shape `calls:dial` takes; undefined when it is not a
 * callable address. Browsers sometimes write `sip://user@host` and percent-encode; RFC 3966
 * parameters of a tel URI (`;phone-context=…`) are dropped, the number is what is dialled.
 */
export function dialTargetFromLink(link: string): string | undefined {
  let text = link.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  const m = /^(sips?|tel):(?:\/\/)?(.*)$/is.exec(text);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!.replace(/\/+$/, '');
  if (scheme === 'tel') rest = rest.replace(/;.*$/, '').replace(/[\s]/g, '');
  const target = `${scheme}:${rest}`;
  const parsed = sipTargetSchema.safeParse(target);
  return parsed.success ? parsed.data : undefined;
}

export interface ProtocolApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/**
 * Registers LiteSIP as the handler of sip:, sips: and tel: links. An unpackaged run (electron .)
 * must name the script, or the OS would start bare Electron.
 */
export function registerProtocolClients(app: ProtocolApp, launch: { defaultApp: boolean; execPath: string; script?: string }): string[] {
  const registered: string[] = [];
  for (const scheme of LINK_SCHEMES) {
    const ok = launch.defaultApp && launch.script ? app.setAsDefaultProtocolClient(scheme, launch.execPath, [launch.script]) : app.setAsDefaultProtocolClient(scheme);
    if (ok) registered.push(scheme);
  }
  return registered;
}

export interface LinkHandlerDeps {
  dial(target: string): Promise<Result<unknown>>;
  showWindow(): void;
  notifyError(title: string, body: string): void;
}

/**
 * Turns a link into a call. Links that arrive before the engine is up (the first launch's
 * own command line, an early second instance) wait and are dialled once it is.
 */
export class LinkHandler {
  private ready = false;
  private readonly waiting: string[] = [];

  constructor(private readonly deps: LinkHandlerDeps) {}

  /** Handles one link; resolves once it was dialled, refused or queued. */
  async open(link: string): Promise<void> {
    this.deps.showWindow();
    if (!this.ready) {
      this.waiting.push(link);
      return;
    }
    await this.dial(link);
  }

  /** The engine is up: what waited is dialled, in order. */
  async start(): Promise<void> {
    this.ready = true;
    for (const link of this.waiting.splice(0)) await this.dial(link);
  }

  private async dial(link: string): Promise<void> {
    const target = dialTargetFromLink(link);
    if (!target) return this.deps.notifyError(shellStrings.linkFailedTitle, shellStrings.linkInvalid(link.slice(0, 200)));
    const result = await this.deps.dial(target);
    if (!result.ok) this.deps.notifyError(shellStrings.linkFailedTitle, result.error.message);
  }
}
