import type { Clock, TimerHandle } from '../lib/clock';

/** The part of electron-updater's AppUpdater the service drives; a fake in tests. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quitAndInstall(): void;
}

export interface UpdaterDeps {
  updater: UpdaterLike;
  clock: Clock;
  /** In [0, 1); spreads the checks of many users over time. */
  random(): number;
  /** The auto-update setting. */
  isEnabled(): boolean;
  isCallActive(): boolean;
  /** Resolves true when the user agrees to restart now. */
  askToRestart(version: string): Promise<boolean>;
  log(message: string): void;
}

const HOUR = 3_600_000;
export const CHECK_INTERVAL_MS = 4 * HOUR;
/** Each check moves by up to ± this much. */
export const CHECK_JITTER_MS = 30 * 60_000;
/** While a call is up, the restart question waits and looks again this often. */
export const CALL_RECHECK_MS = 60_000;

/**
 * Checks for updates at start and every few hours (jittered), downloads in the background,
 * and asks the user to restart once one is ready — never while a call is active.
 */
export class UpdaterService {
  private checkTimer: TimerHandle | undefined;
  private offerTimer: TimerHandle | undefined;
  private ready: string | undefined;
  private asked: string | undefined;
  private agreed = false;
  private stopped = true;

  constructor(private readonly deps: UpdaterDeps) {
    deps.updater.autoDownload = true;
    // Declining the restart still installs the update when the app quits.
    deps.updater.autoInstallOnAppQuit = true;
    deps.updater.on('update-downloaded', (info) => this.onDownloaded(info.version));
    deps.updater.on('error', (err) => deps.log(`update check failed: ${err.message}`));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.checkTimer);
    this.deps.clock.clearTimeout(this.offerTimer);
  }

  /** The delay before the next check: the interval, moved by up to ± the jitter. */
  nextDelay(): number {
    return Math.round(CHECK_INTERVAL_MS + (this.deps.random() * 2 - 1) * CHECK_JITTER_MS);
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    this.checkTimer = this.deps.clock.setTimeout(() => void this.check(), this.nextDelay());
    if (!this.deps.isEnabled() || this.ready !== undefined) return;
    try {
      await this.deps.updater.checkForUpdates();
    } catch (err) {
      this.deps.log(`update check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private onDownloaded(version: string): void {
    this.ready = version;
    this.deps.clock.clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    void this.offerRestart();
  }

  private async offerRestart(): Promise<void> {
    this.offerTimer = undefined;
    const version = this.ready;
    if (version === undefined || this.stopped) return;
    if (this.deps.isCallActive()) {
      this.offerTimer = this.deps.clock.setTimeout(() => void this.offerRestart(), CALL_RECHECK_MS);
      return;
    }
    if (!this.agreed) {
      if (this.asked === version) return;
      this.asked = version;
      this.agreed = await this.deps.askToRestart(version);
      if (!this.agreed) return;
      // A call may have started while the question was open.
      if (this.deps.isCallActive()) {
        this.offerTimer = this.deps.clock.setTimeout(() => void this.offerRestart(), CALL_RECHECK_MS);
        return;
      }
    }
    this.deps.updater.quitAndInstall();
  }
}
