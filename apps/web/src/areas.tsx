import type { ComponentType } from 'preact';

/**
 * The parts of the app that are not the messenger: each has its own path prefix, its own sign-in (an
 * officer's or staff member's session, or none for the public pages) and its own route table, and renders
 * its own `Shell`. The messenger answers every path no area claims. Each is its own chunk, loaded on first use.
 */
export type Area = Readonly<{ prefix: string; load: () => Promise<ComponentType> }>;

const transparency = () => import('./transparency/transparency-area.tsx').then((m) => m.TransparencyArea);
const authority = () => import('./authority/authority-area.tsx').then((m) => m.AuthorityArea);
const review = () => import('./review/review-area.tsx').then((m) => m.ReviewArea);

export const areas: readonly Area[] = [
  { prefix: '/transparency', load: transparency },
  { prefix: '/authority', load: authority },
  { prefix: '/review', load: review },
];

/** The area a path belongs to, if any. */
export function areaOf(path: string): Area | undefined {
  return areas.find((a) => path === a.prefix || path.startsWith(`${a.prefix}/`));
}
