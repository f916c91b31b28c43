export * from './bytes.ts';
export * from './device-list.ts';
export * from './errors.ts';
export { ErrorBodySchema } from './errors-schema.ts';
export * from './http.ts';
export * from './limits.ts';
export * from './schemas.ts';
export { version } from './version.ts';
export * from './ws.ts';
