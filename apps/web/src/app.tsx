import { useApp } from './app-context.ts';
import type { AppState } from './app-state.ts';
import { areaOf } from './areas.tsx';
import { Loaded } from './ui/loaded.tsx';

/**
 * The whole app: one layout, one router. An area (`areas.tsx`: the authority portal, the review console, the
 * public transparency pages) answers its own paths; every other path is the messenger's. Each is loaded when
 * first shown, so a public page downloads neither the messenger nor its MLS code.
 */
export function App() {
  const { router, messengerState } = useApp();
  const area = areaOf(router.path.value);
  if (area !== undefined) return <Loaded key={area.prefix} load={area.load} />;
  return <Loaded key="messenger" load={() => loadMessenger(messengerState)} />;
}

async function loadMessenger(messengerState: () => Promise<AppState>) {
  const [{ MessengerApp }, state] = await Promise.all([
    import('./messenger/messenger-app.tsx'),
    messengerState(),
  ]);
  return () => <MessengerApp state={state} />;
}
