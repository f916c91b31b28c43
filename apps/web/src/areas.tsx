import type { JSX } from 'preact';
import { AuthorityArea } from './authority/authority-area.tsx';
import { ReviewArea } from './review/review-area.tsx';
import { TransparencyArea } from './transparency/transparency-area.tsx';

/**
 * The parts of the app that are not the messenger: each has its own path prefix, its own sign-in (an
 * officer's or staff member's session, or none for the public pages) and its own route table, and renders
 * its own `Shell`. The messenger answers every path no area claims.
 */
export type Area = Readonly<{ prefix: string; render: () => JSX.Element }>;

export const areas: readonly Area[] = [
  { prefix: '/transparency', render: () => <TransparencyArea /> },
  { prefix: '/authority', render: () => <AuthorityArea /> },
  { prefix: '/review', render: () => <ReviewArea /> },
];

/** The area a path belongs to, if any. */
export function areaOf(path: string): Area | undefined {
  return areas.find((a) => path === a.prefix || path.startsWith(`${a.prefix}/`));
}
