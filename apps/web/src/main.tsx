import './strict-csp.ts';
import { render } from 'preact';
import { App } from './app.tsx';
import { AppContext } from './app-context.ts';
import type { AppState } from './app-state.ts';
import { Router } from './router/router.ts';
import './styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');
let messenger: Promise<AppState> | undefined;
// The page is served by the Parley server it talks to, so the API is on this origin.
const messengerState = () =>
  (messenger ??= import('./app-state.ts').then(({ AppState }) => {
    const state = new AppState(location.origin);
    void state.start();
    return state;
  }));
const services = { router: new Router(), messengerState };
render(
  <AppContext.Provider value={services}>
    <App />
  </AppContext.Provider>,
  root,
);
