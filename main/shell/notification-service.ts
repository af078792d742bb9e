export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
  /** Clicking a notification brings the window forward. */
  onClick(): void;
}

/** Desktop notifications; quietly does nothing where the system has none. */
export class NotificationService {
  private readonly live = new Set<NotificationLike>();

  constructor(private readonly deps: NotificationDeps) {}

  notify(title: string, body: string, silent = false): boolean {
    if (!this.deps.isSupported()) return false;
    const n = this.deps.create({ title, body, silent });
    // Kept referenced until dismissed so the click handler is not collected.
    this.live.add(n);
    n.on('close', () => this.live.delete(n));
    n.on('click', () => {
      this.live.delete(n);
      this.deps.onClick();
    });
    n.show();
    return true;
  }
}
