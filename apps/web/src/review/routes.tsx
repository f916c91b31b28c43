import type { JSX } from 'preact';
import type { Params } from '../router/router.ts';
import { AccessScreen } from './access/access-screen.tsx';
import { can, type Right } from './permissions.ts';
import { JurisdictionScreen } from './policy/jurisdiction-screen.tsx';
import { PolicyScreen } from './policy/policy-screen.tsx';
import { AuditScreen } from './screens/audit-screen.tsx';
import { CaseScreen } from './screens/case-screen.tsx';
import { QueuesScreen } from './screens/queues-screen.tsx';
import type { StaffRole } from './staff-session.ts';

type ReviewRoute = Readonly<{ pattern: string; right?: Right; render: (params: Params) => JSX.Element }>;

/** The console's screens; a route with a `right` is offered only to roles that carry it. */
export const reviewRoutes: readonly ReviewRoute[] = [
  { pattern: '/review/cases', right: 'read_cases', render: () => <QueuesScreen /> },
  {
    pattern: '/review/cases/:reference',
    right: 'read_cases',
    render: (p) => <CaseScreen reference={p.reference ?? ''} />,
  },
  { pattern: '/review/audit', right: 'read_audit', render: () => <AuditScreen /> },
  { pattern: '/review/access', right: 'manage_agencies', render: () => <AccessScreen /> },
  { pattern: '/review/policy', render: () => <PolicyScreen /> },
  {
    pattern: '/review/policy/:jurisdiction',
    render: (p) => <JurisdictionScreen jurisdiction={p.jurisdiction ?? ''} />,
  },
];

/** The navigation a staff member sees: only what their roles allow. */
export function reviewNav(roles: readonly StaffRole[]) {
  return [
    ...(can(roles, 'read_cases') ? [{ href: '/review/cases', label: 'Requests' }] : []),
    { href: '/review/policy', label: 'Policy' },
    ...(can(roles, 'read_audit') ? [{ href: '/review/audit', label: 'Audit log' }] : []),
    ...(can(roles, 'manage_agencies') ? [{ href: '/review/access', label: 'Access' }] : []),
  ];
}

/** Where `/review` itself leads: the queues for those who review, the policies for everyone else. */
export function homeOf(roles: readonly StaffRole[]): string {
  return can(roles, 'read_cases') ? '/review/cases' : '/review/policy';
}
