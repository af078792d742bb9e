export interface NotificationLike {
  show(): void;
  close?(): void;
  /** `action` passes the index of the button chosen as the second argument. */
  on(event: 'click' | 'close' | 'action', listener: (event: unknown, index: number) => void): unknown;
}

export interface NotificationOptions {
  title: string;
  body: string;
  silent: boolean;
  /** Buttons where the system offers them (macOS; ignored elsewhere, where a click opens the window). */
  actions?: { type: 'button'; text: string }[];
  urgency?: 'normal' | 'critical' | 'low';
  timeoutType?: 'default' | 'never';
}

export interface NotificationDeps {
  isSupported(): boolean;
  create(options: NotificationOptions): NotificationLike;
  /** Clicking a notification brings the window forward. */
  onClick(): void;
}

export interface ShowOptions {
  title: string;
  body: string;
  silent?: boolean;
  /** Button labels, in order; `onAction` gets the index of the one chosen. */
  actions?: string[];
  onAction?(index: number): void;
  /** A ringing call stays until it is dealt with. */
  sticky?: boolean;
}

/** A shown notification, so it can be taken back (a call stopped ringing). */
export interface ShownNotification {
  close(): void;
}

/** Desktop notifications; quietly does nothing where the system has none. */
export class NotificationService {
  private readonly live = new Set<NotificationLike>();

  constructor(private readonly deps: NotificationDeps) {}

  notify(title: string, body: string, silent = false): boolean {
    return this.show({ title, body, silent }) !== undefined;
  }

  show(options: ShowOptions): ShownNotification | undefined {
    if (!this.deps.isSupported()) return undefined;
    const n = this.deps.create({
      title: options.title,
      body: options.body,
      silent: options.silent ?? false,
      ...(options.actions ? { actions: options.actions.map((text) => ({ type: 'button' as const, text })) } : {}),
      ...(options.sticky ? { urgency: 'critical' as const, timeoutType: 'never' as const } : {}),
    });
    // Kept referenced until dismissed so the handlers are not collected.
    this.live.add(n);
    n.on('close', () => this.live.delete(n));
    n.on('click', () => {
      this.live.delete(n);
      this.deps.onClick();
    });
    if (options.onAction) {
      const onAction = options.onAction;
      n.on('action', (_event, index) => {
        this.live.delete(n);
        onAction(index);
      });
    }
    n.show();
    return {
      close: () => {
        this.live.delete(n);
        n.close?.();
      },
    };
  }
}
