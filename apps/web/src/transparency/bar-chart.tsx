import { useId } from 'preact/hooks';

export type Segment = Readonly<{ key: string; label: string; value: number }>;
export type Bar = Readonly<{ label: string; segments: readonly Segment[]; highlight?: boolean }>;

const LABEL_WIDTH = 120;
const PLOT_WIDTH = 280;
const ROW = 28;
const BAR = 18;
const TOP = 8;
const AXIS = 24;

/**
 * A horizontal stacked bar chart drawn as SVG by the page itself (ADR 0005: no chart library fits the CSP
 * and Trusted Types without inline styles). Colours come from CSS classes per segment key; the chart is one
 * image with a text alternative that states every number, and the table beside it has the same data.
 */
export function BarChart(props: Readonly<{ title: string; bars: readonly Bar[] }>) {
  const id = useId();
  const max = Math.max(1, ...props.bars.map((b) => total(b)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const x = (v: number) => (v / top) * PLOT_WIDTH;
  const height = TOP + props.bars.length * ROW + AXIS;
  const keys = legend(props.bars);
  return (
    <figure class="tp-chart">
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${LABEL_WIDTH + PLOT_WIDTH + 16} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        class="tp-chart-svg"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{describeBars(props.bars)}</desc>
        {ticks(top, step).map((t) => (
          <g key={t}>
            <line
              class="tp-chart-grid"
              x1={LABEL_WIDTH + x(t)}
              x2={LABEL_WIDTH + x(t)}
              y1={TOP}
              y2={height - AXIS}
            />
            <text class="tp-chart-tick" x={LABEL_WIDTH + x(t)} y={height - 8} text-anchor="middle">
              {t}
            </text>
          </g>
        ))}
        {props.bars.map((bar, i) => {
          const y = TOP + i * ROW;
          let offset = 0;
          return (
            <g key={bar.label}>
              <text
                class={bar.highlight ? 'tp-chart-label tp-chart-label-alert' : 'tp-chart-label'}
                x={LABEL_WIDTH - 8}
                y={y + BAR - 4}
                text-anchor="end"
              >
                {bar.label}
              </text>
              {bar.segments.map((s) => {
                const left = offset;
                offset += s.value;
                return s.value > 0 ? (
                  <rect
                    key={s.key}
                    class={`tp-seg tp-seg-${s.key}`}
                    x={LABEL_WIDTH + x(left)}
                    y={y}
                    width={x(s.value)}
                    height={BAR}
                  />
                ) : null;
              })}
              <text class="tp-chart-value" x={LABEL_WIDTH + x(total(bar)) + 4} y={y + BAR - 4}>
                {total(bar)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="tp-chart-legend">
        {keys.map((s) => (
          <li key={s.key}>
            <span class={`tp-swatch tp-seg-${s.key}`} /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

const total = (bar: Bar) => bar.segments.reduce((sum, s) => sum + s.value, 0);

function legend(bars: readonly Bar[]): readonly Segment[] {
  const seen = new Map<string, Segment>();
  for (const bar of bars) for (const s of bar.segments) if (!seen.has(s.key)) seen.set(s.key, s);
  return [...seen.values()];
}

function describeBars(bars: readonly Bar[]): string {
  return bars
    .map((b) => {
      const parts = b.segments.filter((s) => s.value > 0).map((s) => `${s.label} ${s.value}`);
      return `${b.label}: ${total(b)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
    })
    .join('; ');
}

function niceStep(max: number): number {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  return Math.max(1, step);
}

function ticks(top: number, step: number): readonly number[] {
  const out: number[] = [];
  for (let t = 0; t <= top; t += step) out.push(t);
  return out;
}
