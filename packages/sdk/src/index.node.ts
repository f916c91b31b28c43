export * from './index.ts';
export { FileStore, type FileStoreOptions } from './store/file-store.node.ts';
export { nodeSocketFactory } from './transport/socket.node.ts';
