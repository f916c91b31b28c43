import type { JSX } from 'preact';
import type { Params } from '../router/router.ts';
import type { OfficerPortal } from './officer-portal.ts';
import { AcknowledgementScreen } from './screens/acknowledgement.tsx';
import { CaseDetail } from './screens/case-detail.tsx';
import { CaseList } from './screens/case-list.tsx';
import { RequestForm } from './screens/request-form.tsx';

export type AuthorityRoute = Readonly<{
  pattern: string;
  render: (portal: OfficerPortal, params: Params) => JSX.Element;
}>;

/** The signed-in officer's screens, under /authority. */
export const authorityRoutes: readonly AuthorityRoute[] = [
  { pattern: '/authority', render: (p) => <CaseList portal={p} /> },
  { pattern: '/authority/requests', render: (p) => <CaseList portal={p} /> },
  { pattern: '/authority/new', render: (p) => <RequestForm portal={p} /> },
  {
    pattern: '/authority/requests/:reference',
    render: (p, params) => <CaseDetail portal={p} reference={params.reference ?? ''} />,
  },
  {
    pattern: '/authority/requests/:reference/received',
    render: (p, params) => <AcknowledgementScreen portal={p} reference={params.reference ?? ''} />,
  },
];
