export { type Clock, ManualClock, systemClock } from './clock.ts';
export { defaultConfig, type ServerConfig } from './config.ts';
export type { AppContext } from './context.ts';
export { listColumns } from './db/database.ts';
export { type ParleyServer, createServer } from './server.ts';
