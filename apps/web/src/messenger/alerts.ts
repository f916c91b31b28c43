import { signal } from '@preact/signals';

export type AlertTone = 'info' | 'warning' | 'danger';

/** Something the member must notice: a new device, a security problem, a government-request notice. */
export type Alert = Readonly<{ id: number; tone: AlertTone; text: string; href?: string }>;

/** The alerts shown at the top of every screen until dismissed. */
export class Alerts {
  readonly list = signal<readonly Alert[]>([]);
  #next = 1;

  push(tone: AlertTone, text: string, href?: string): void {
    const alert: Alert =
      href === undefined ? { id: this.#next++, tone, text } : { id: this.#next++, tone, text, href };
    this.list.value = [...this.list.value, alert];
  }

  dismiss(id: number): void {
    this.list.value = this.list.value.filter((a) => a.id !== id);
  }
}
