import type { AppStatus } from '../../shared/ipc';
import { shellStrings } from './strings';

export interface MenuItemSpec {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

/** The part of Electron's Tray the service uses; a fake in tests. */
export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  createTray(): TrayLike;
  buildMenu(items: MenuItemSpec[]): unknown;
  isWindowVisible(): boolean;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
}

/** The tray icon: engine state at a glance, show/hide the window, quit. */
export class TrayService {
  private tray: TrayLike | undefined;
  private statusText: string = shellStrings.engineState.stopped;

  constructor(private readonly deps: TrayDeps) {}

  start(): void {
    if (this.tray) return;
    this.tray = this.deps.createTray();
    this.tray.on('click', () => this.toggleWindow());
    this.refresh();
  }

  update(status: AppStatus): void {
    const state = shellStrings.engineState[status.engine];
    this.statusText = status.engine === 'running' ? `${state} — ${status.identity}` : state;
    this.refresh();
  }

  /** Rebuilt whenever it may change, so show/hide matches the window. */
  refresh(): void {
    if (!this.tray) return;
    this.tray.setToolTip(`${shellStrings.productName} — ${this.statusText}`);
    this.tray.setContextMenu(this.deps.buildMenu(this.menuItems()));
  }

  menuItems(): MenuItemSpec[] {
    const visible = this.deps.isWindowVisible();
    return [
      { label: this.statusText, enabled: false },
      { type: 'separator' },
      visible
        ? { label: shellStrings.trayHide, click: () => this.run(this.deps.hideWindow) }
        : { label: shellStrings.trayShow, click: () => this.run(this.deps.showWindow) },
      { type: 'separator' },
      { label: shellStrings.trayQuit, click: () => this.deps.quit() },
    ];
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = undefined;
  }

  private toggleWindow(): void {
    this.run(this.deps.isWindowVisible() ? this.deps.hideWindow : this.deps.showWindow);
  }

  private run(action: () => void): void {
    action();
    this.refresh();
  }
}
