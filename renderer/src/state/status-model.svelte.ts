import type { AppStatus, LiteSipApi } from '../../../shared/ipc';

/** The engine's status, kept live by `app:status` events. */
export class StatusModel {
  status = $state<AppStatus | undefined>();
  error = $state<string | undefined>();

  constructor(private readonly api: LiteSipApi) {}

  /** Subscribes and loads; returns the unsubscribe. */
  start(): () => void {
    const off = this.api.on('app:status', (status) => {
      this.status = status;
      this.error = undefined;
    });
    void this.refresh();
    return off;
  }

  async refresh(): Promise<void> {
    const result = await this.api.app.getStatus();
    if (result.ok) {
      this.status = result.value;
      this.error = undefined;
    } else {
      this.error = result.error.message;
    }
  }
}
