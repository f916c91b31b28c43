import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { type JurisdictionPolicy, jurisdictionName, standsOut, statusLabels } from './policy-model.ts';
import { type CountryShape, loadCountryShapes, mapSize } from './topology.ts';

/**
 * The world coloured by each jurisdiction's policy in force. Jurisdictions with a policy are links (Tab
 * reaches them, Enter opens them) with a marker so small places such as Hong Kong stay visible; the table
 * beside it says the same in text.
 */
export function WorldMap(props: Readonly<{ policies: readonly JurisdictionPolicy[]; describedBy: string }>) {
  const { router } = useApp();
  const [shapes, setShapes] = useState<CountryShape[] | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    loadCountryShapes().then(setShapes, (error: unknown) => setFailed(String(error)));
  }, []);
  if (failed)
    return <p class="error">The map could not be drawn ({failed}); the table below lists every status.</p>;
  if (!shapes) return <p role="status">Drawing the map…</p>;
  const byCode = new Map(props.policies.map((p) => [p.jurisdiction, p]));
  const covered = shapes.filter((s) => byCode.has(s.code));
  return (
    <figure
      class="world-map"
      aria-label="World map of jurisdiction policies"
      aria-describedby={props.describedBy}
    >
      <svg viewBox={`0 0 ${mapSize.width} ${mapSize.height}`}>
        <title>Jurisdictions coloured by policy status; the table below lists them</title>
        <g>
          {shapes
            .filter((s) => !byCode.has(s.code))
            .map((s) => (
              <path key={s.code} d={s.path} class="country" />
            ))}
        </g>
        {covered.map((s) => {
          const policy = byCode.get(s.code);
          if (!policy) return null;
          const status = policy.current.status;
          const href = `/review/policy/${s.code}`;
          return (
            <a
              key={s.code}
              href={href}
              class={`jurisdiction status-${status}${standsOut(status) ? ' stands-out' : ''}`}
              aria-label={`${jurisdictionName(s.code)}: ${statusLabels[status]}`}
              data-jurisdiction={s.code}
              onClick={(event) => {
                event.preventDefault();
                router.navigate(href);
              }}
            >
              <path d={s.path} class="country" />
              <circle cx={s.centre[0]} cy={s.centre[1]} r={standsOut(status) ? 7 : 4} class="marker" />
            </a>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {Object.entries(statusLabels).map(([status, label]) => (
            <li key={status}>
              <span class={`swatch status-${status}`} aria-hidden="true" /> {label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
