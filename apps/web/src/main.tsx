import './strict-csp.ts';
import { render } from 'preact';
import { App } from './app.tsx';
import { AppContext } from './app-context.ts';
import { AppState } from './app-state.ts';
import { Router } from './router/router.ts';
import './styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');
// The page is served by the Parley server it talks to, so the API is on this origin.
const state = new AppState(location.origin);
const services = { state, router: new Router() };
render(
  <AppContext.Provider value={services}>
    <App />
  </AppContext.Provider>,
  root,
);
void state.start();
