import { storeContract } from '../../test/store-contract.ts';
import { MemoryStore } from './memory-store.ts';

storeContract('MemoryStore', async () => new MemoryStore());
