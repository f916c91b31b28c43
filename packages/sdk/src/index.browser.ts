export * from './index.ts';
export { IdbStore, type IdbStoreOptions, ProfileLockedError } from './store/idb-store.browser.ts';
