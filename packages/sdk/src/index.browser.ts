export * from './index.ts';
export { IdbStore, type IdbStoreOptions } from './store/idb-store.browser.ts';
