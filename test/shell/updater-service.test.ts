import { describe, expect, it, vi } from 'vitest';
import { CALL_RECHECK_MS, CHECK_INTERVAL_MS, CHECK_JITTER_MS, UpdaterService, type UpdaterLike } from '../../main/shell/updater-service';
import { VirtualClock } from '../helpers/virtual-clock';

class FakeUpdater implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs = 0;
  private readonly listeners = new Map<string, (arg: never) => void>();
  on(event: string, listener: (arg: never) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs++;
  }
  downloaded(version: string): void {
    (this.listeners.get('update-downloaded') as (info: { version: string }) => void)({ version });
  }
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setUp(options: { random?: () => number; callActive?: () => boolean; answer?: boolean; enabled?: () => boolean } = {}) {
  const clock = new VirtualClock();
  const updater = new FakeUpdater();
  const askToRestart = vi.fn(async () => options.answer ?? true);
  const service = new UpdaterService({
    updater,
    clock,
    random: options.random ?? (() => 0.5),
    isEnabled: options.enabled ?? (() => true),
    isCallActive: options.callActive ?? (() => false),
    askToRestart,
    log: () => {},
  });
  return { clock, updater, service, askToRestart };
}

describe('updater service', () => {
  it('downloads in the background and installs on quit even when the restart is declined', () => {
    const { updater } = setUp();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('checks at start and then every few hours, moved by the jitter', () => {
    const draws = [0, 1, 0.5];
    const { clock, updater, service } = setUp({ random: () => draws.shift() ?? 0.5 });
    service.start();
    expect(updater.checks).toBe(1);
    // random 0 → interval − jitter
    clock.advance(CHECK_INTERVAL_MS - CHECK_JITTER_MS - 1);
    expect(updater.checks).toBe(1);
    clock.advance(1);
    expect(updater.checks).toBe(2);
    // random 1 → interval + jitter
    clock.advance(CHECK_INTERVAL_MS + CHECK_JITTER_MS - 1);
    expect(updater.checks).toBe(2);
    clock.advance(1);
    expect(updater.checks).toBe(3);
    service.stop();
    clock.advance(10 * CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(3);
    expect(clock.pending()).toBe(0);
  });

  it('spreads checks over the whole jitter window', () => {
    const { service } = setUp({ random: () => 0.25 });
    expect(service.nextDelay()).toBe(CHECK_INTERVAL_MS - CHECK_JITTER_MS / 2);
  });

  it('skips checks while auto-update is off', () => {
    let enabled = false;
    const { clock, updater, service } = setUp({ enabled: () => enabled });
    service.start();
    clock.advance(3 * (CHECK_INTERVAL_MS + CHECK_JITTER_MS));
    expect(updater.checks).toBe(0);
    enabled = true;
    clock.advance(CHECK_INTERVAL_MS + CHECK_JITTER_MS);
    expect(updater.checks).toBe(1);
  });

  it('asks to restart once an update is ready, and installs when the user agrees', async () => {
    const { updater, service, askToRestart } = setUp();
    service.start();
    updater.downloaded('1.2.3');
    await flush();
    expect(askToRestart).toHaveBeenCalledWith('1.2.3');
    expect(updater.installs).toBe(1);
  });

  it('never restarts during a call: it waits for the call to end, then asks', async () => {
    let inCall = true;
    const { clock, updater, service, askToRestart } = setUp({ callActive: () => inCall });
    service.start();
    updater.downloaded('2.0.0');
    await flush();
    clock.advance(10 * CALL_RECHECK_MS);
    await flush();
    expect(askToRestart).not.toHaveBeenCalled();
    expect(updater.installs).toBe(0);
    inCall = false;
    clock.advance(CALL_RECHECK_MS);
    await flush();
    expect(askToRestart).toHaveBeenCalledTimes(1);
    expect(updater.installs).toBe(1);
  });

  it('holds the restart when a call starts while the question is open', async () => {
    let inCall = false;
    const { clock, updater, service, askToRestart } = setUp({ callActive: () => inCall });
    askToRestart.mockImplementation(async () => {
      inCall = true;
      return true;
    });
    service.start();
    updater.downloaded('2.0.1');
    await flush();
    expect(updater.installs).toBe(0);
    inCall = false;
    clock.advance(CALL_RECHECK_MS);
    await flush();
    expect(updater.installs).toBe(1);
    expect(askToRestart).toHaveBeenCalledTimes(1);
  });

  it('does not nag: a declined version is not asked about again, and checks stop once one is ready', async () => {
    const { clock, updater, service, askToRestart } = setUp({ answer: false });
    service.start();
    updater.downloaded('3.0.0');
    await flush();
    clock.advance(5 * CHECK_INTERVAL_MS);
    await flush();
    expect(askToRestart).toHaveBeenCalledTimes(1);
    expect(updater.installs).toBe(0);
    expect(updater.checks).toBe(1);
  });
});
