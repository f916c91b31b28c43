export { type Clock, ManualClock, systemClock } from './clock.ts';
export { defaultConfig, type ServerConfig } from './config.ts';
export type { AppContext } from './context.ts';
export { listColumns } from './db/database.ts';
export { runServer, type ServeOptions } from './main.ts';
export { createServer, type ParleyServer } from './server.ts';
