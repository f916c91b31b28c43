/** Time source; tests pass a controllable one to exercise expiry. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-11-28T12:00:00Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** The calendar day (UTC) of a moment, as stored in `*_on` columns. */
export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** Rounds up to the next whole hour, so stored expiry times do not reveal the exact send time. */
export function ceilHour(moment: Date): Date {
  const hour = 3600_000;
  return new Date(Math.ceil(moment.getTime() / hour) * hour);
}
