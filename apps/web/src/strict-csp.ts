import { config } from 'zod';

// Imported first by main.tsx, before any schema is built: the CSP forbids eval, so zod must not even probe
// `new Function` (the probe is blocked and logged as a violation).
config({ jitless: true });
