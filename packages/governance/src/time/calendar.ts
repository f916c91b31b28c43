/** Calendar helpers over epoch milliseconds in UTC; the domain never reads a clock, callers pass `now`. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** ISO 8601 week of a UTC instant, e.g. `2020-W28`: coarse enough to publish, fine enough to order. */
export function isoWeek(time: number): string {
  const d = new Date(time);
  const day = (d.getUTCDay() + 6) % 7;
  // The Thursday of this week decides the ISO year.
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Epoch ms of the Monday 00:00 UTC that starts an ISO week label such as `2020-W28`. */
export function isoWeekStart(label: string): number {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) throw new RangeError(`not an ISO week label: ${label}`);
  // 4 January is always in week 1.
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return week1 + (Number(m[2]) - 1) * 7 * DAY;
}

/** Epoch ms of the start of a `YYYY-MM-DD` day in UTC. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** `YYYY-MM-DD` of a UTC instant. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Half-year label of an instant: `2020-H2`. */
export function halfYearOf(time: number): string {
  const d = new Date(time);
  return `${d.getUTCFullYear()}-H${d.getUTCMonth() < 6 ? 1 : 2}`;
}

/** [start, end) of a half-year label in epoch ms; throws on a malformed label. */
export function halfYearBounds(label: string): readonly [number, number] {
  const m = /^(\d{4})-H([12])$/.exec(label);
  if (!m) throw new RangeError(`not a half-year label: ${label}`);
  const year = Number(m[1]);
  return m[2] === '1'
    ? [Date.UTC(year, 0, 1), Date.UTC(year, 6, 1)]
    : [Date.UTC(year, 6, 1), Date.UTC(year + 1, 0, 1)];
}
