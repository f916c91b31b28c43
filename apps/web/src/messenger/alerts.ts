import { signal } from '@preact/signals';

export type AlertTone = 'info' | 'warning' | 'danger';

/**
 * Something the member must notice: a new device, a security problem, a government-request notice. One that
 * must be `acknowledged` (the key directory contradicting what the server serves) is closed only by saying
 * so, never by a plain dismiss.
 */
export type Alert = Readonly<{
  id: number;
  tone: AlertTone;
  text: string;
  href?: string;
  acknowledge?: boolean;
}>;

/** The alerts shown at the top of every screen until dismissed. */
export class Alerts {
  readonly list = signal<readonly Alert[]>([]);
  #next = 1;

  /** Adds an alert; one to acknowledge is not repeated while the same one waits to be acknowledged. */
  push(
    tone: AlertTone,
    text: string,
    href?: string,
    options: Readonly<{ acknowledge?: boolean }> = {},
  ): void {
    if (options.acknowledge && this.list.value.some((a) => a.acknowledge && a.text === text)) return;
    const alert: Alert = {
      id: this.#next++,
      tone,
      text,
      ...(href === undefined ? {} : { href }),
      ...(options.acknowledge ? { acknowledge: true } : {}),
    };
    this.list.value = [...this.list.value, alert];
  }

  dismiss(id: number): void {
    this.list.value = this.list.value.filter((a) => a.id !== id);
  }
}
