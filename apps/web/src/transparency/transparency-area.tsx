import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { Shell } from '../layout/shell.tsx';
import { Link } from '../router/link.tsx';
import { DataInventory } from './screens/data-inventory.tsx';
import { Jurisdictions } from './screens/jurisdictions.tsx';
import { LogPage } from './screens/log-page.tsx';
import { Reports } from './screens/reports.tsx';
import { createTransparencyServices, TransparencyContext } from './transparency-services.ts';
import './transparency.css';

export const transparencyPrefix = '/transparency';

const nav = [
  { href: `${transparencyPrefix}/reports`, label: 'Reports' },
  { href: `${transparencyPrefix}/log`, label: 'Verify the log' },
  { href: `${transparencyPrefix}/jurisdictions`, label: 'Jurisdictions' },
  { href: `${transparencyPrefix}/data`, label: 'What Parley holds' },
];

const screens: Readonly<Record<string, () => JSX.Element>> = {
  '': () => <Reports />,
  '/reports': () => <Reports />,
  '/log': () => <LogPage />,
  '/jurisdictions': () => <Jurisdictions />,
  '/data': () => <DataInventory />,
};

/**
 * The public transparency pages: no sign-in, only public data, and the log verified in this browser with
 * the sdk's `auditLog`, started as soon as any of these pages opens.
 */
export function TransparencyArea() {
  const { router } = useApp();
  const [services] = useState(() => createTransparencyServices(location.origin));
  useEffect(() => {
    void services.verifier.run();
  }, [services]);
  const screen = screens[router.path.value.slice(transparencyPrefix.length).replace(/\/$/, '')];
  return (
    <TransparencyContext.Provider value={services}>
      <Shell nav={nav}>
        {screen ? (
          screen()
        ) : (
          <>
            <h1 tabIndex={-1}>Page not found</h1>
            <p>
              <Link href={transparencyPrefix}>Back to the transparency reports</Link>
            </p>
          </>
        )}
      </Shell>
    </TransparencyContext.Provider>
  );
}
