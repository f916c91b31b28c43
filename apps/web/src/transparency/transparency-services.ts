import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { PublicData } from './public-data.ts';
import { BrowserVerifier } from './verifier.ts';
import { LocalVerifierStore } from './verifier-store.ts';

/** What every public page uses: the server's public data and this browser's verifier. */
export type TransparencyServices = Readonly<{
  data: PublicData;
  verifier: BrowserVerifier;
  store: LocalVerifierStore;
}>;

export function createTransparencyServices(origin: string): TransparencyServices {
  const store = new LocalVerifierStore();
  return { data: new PublicData(origin), verifier: new BrowserVerifier(origin, store), store };
}

export const TransparencyContext = createContext<TransparencyServices | undefined>(undefined);

export function useTransparency(): TransparencyServices {
  const services = useContext(TransparencyContext);
  if (!services) throw new Error('useTransparency outside <TransparencyArea>');
  return services;
}
