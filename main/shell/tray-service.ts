import type { AppStatus, PresenceStatus } from '../../shared/ipc';
import type { Attention } from './attention-counter';
import { shellStrings } from './strings';

export interface MenuItemSpec {
  label?: string;
  type?: 'normal' | 'separator' | 'radio' | 'checkbox' | 'submenu';
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItemSpec[];
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
  /** Our presence as the user picks it in the menu (RFC 3856 via the engine). */
  setPresence?(status: PresenceStatus): void;
  /** Do not disturb on or off (the engine's settings). */
  setDnd?(enabled: boolean): void;
  /** The count on the dock or taskbar icon; 0 clears it. */
  setBadge?(count: number): void;
}

/** What the user can pick; on-the-phone is set by the engine during calls. */
const CHOOSABLE: PresenceStatus[] = ['available', 'away', 'busy', 'offline'];

/** The tray icon: engine state, presence, do not disturb, what waits (badge), show/hide, quit. */
export class TrayService {
  private tray: TrayLike | undefined;
  private statusText: string = shellStrings.engineState.stopped;
  private presence: PresenceStatus | undefined;
  private dnd: boolean | undefined;
  private attention: Attention = { missedCalls: 0, unreadMessages: 0, unheardVoicemail: 0 };

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

  updatePresence(status: PresenceStatus): void {
    this.presence = status;
    this.refresh();
  }

  /** `undefined` when the engine has no do-not-disturb setting. */
  updateDnd(enabled: boolean | undefined): void {
    this.dnd = enabled;
    this.refresh();
  }

  updateAttention(attention: Attention): void {
    this.attention = attention;
    this.deps.setBadge?.(attention.missedCalls + attention.unreadMessages + attention.unheardVoicemail);
    this.refresh();
  }

  /** Rebuilt whenever it may change, so show/hide matches the window. */
  refresh(): void {
    if (!this.tray) return;
    const waiting = this.attentionLines();
    this.tray.setToolTip([`${shellStrings.productName} — ${this.statusText}`, ...waiting].join('\n'));
    this.tray.setContextMenu(this.deps.buildMenu(this.menuItems()));
  }

  menuItems(): MenuItemSpec[] {
    const visible = this.deps.isWindowVisible();
    const items: MenuItemSpec[] = [{ label: this.statusText, enabled: false }];
    const waiting = this.attentionLines();
    if (waiting.length > 0) {
      items.push({ type: 'separator' });
      // Each line opens the window, where the calls, messages and voicemail are.
      for (const line of waiting) items.push({ label: line, click: () => this.run(this.deps.showWindow) });
    }
    items.push({ type: 'separator' });
    const setPresence = this.deps.setPresence;
    if (setPresence && this.presence !== undefined) {
      items.push({
        label: shellStrings.trayStatus,
        type: 'submenu',
        submenu: [
          // Set by the engine during a call; shown, not chosen.
          ...(this.presence === 'on-the-phone' ? [{ label: shellStrings.presence['on-the-phone'], type: 'radio' as const, checked: true, enabled: false }] : []),
          ...CHOOSABLE.map((status) => ({
            label: shellStrings.presence[status],
            type: 'radio' as const,
            checked: this.presence === status,
            click: () => setPresence(status),
          })),
        ],
      });
    }
    const setDnd = this.deps.setDnd;
    if (setDnd && this.dnd !== undefined) {
      const next = !this.dnd;
      items.push({ label: shellStrings.trayDnd, type: 'checkbox', checked: this.dnd, click: () => setDnd(next) });
    }
    if (items.at(-1)?.type !== 'separator') items.push({ type: 'separator' });
    items.push(
      visible
        ? { label: shellStrings.trayHide, click: () => this.run(this.deps.hideWindow) }
        : { label: shellStrings.trayShow, click: () => this.run(this.deps.showWindow) },
      { type: 'separator' },
      { label: shellStrings.trayQuit, click: () => this.deps.quit() },
    );
    return items;
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = undefined;
  }

  private attentionLines(): string[] {
    const a = this.attention;
    return [
      a.missedCalls > 0 ? shellStrings.missedCalls(a.missedCalls) : undefined,
      a.unreadMessages > 0 ? shellStrings.unreadMessages(a.unreadMessages) : undefined,
      a.unheardVoicemail > 0 ? shellStrings.newVoicemail(a.unheardVoicemail) : undefined,
    ].filter((l): l is string => l !== undefined);
  }

  private toggleWindow(): void {
    this.run(this.deps.isWindowVisible() ? this.deps.hideWindow : this.deps.showWindow);
  }

  private run(action: () => void): void {
    action();
    this.refresh();
  }
}
