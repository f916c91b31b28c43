export * from './index.ts';
export {
  FileStore,
  type FileStoreOptions,
  MIN_PASSPHRASE_LENGTH,
  WeakPassphraseError,
} from './store/file-store.node.ts';
export { nodeSocketFactory } from './transport/socket.node.ts';
