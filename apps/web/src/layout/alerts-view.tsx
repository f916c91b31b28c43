import type { Alerts } from '../messenger/alerts.ts';
import { Link } from '../router/link.tsx';

/** Alerts stay until dismissed; danger ones interrupt the screen reader (role=alert), others wait (status). */
export function AlertsView(props: Readonly<{ alerts: Alerts }>) {
  const list = props.alerts.list.value;
  return (
    <section class="alerts" aria-label="Alerts">
      {list.map((alert) => (
        <div
          key={alert.id}
          class={`alert alert-${alert.tone}`}
          role={alert.tone === 'danger' ? 'alert' : 'status'}
        >
          <p>
            {alert.text}{' '}
            {alert.href && (
              <Link href={alert.href} class="alert-link">
                Review
              </Link>
            )}
          </p>
          <button type="button" class="quiet" onClick={() => props.alerts.dismiss(alert.id)}>
            {alert.acknowledge ? 'I understand' : 'Dismiss'}
            <span class="visually-hidden"> alert: {alert.text}</span>
          </button>
        </div>
      ))}
    </section>
  );
}
