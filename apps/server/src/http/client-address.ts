import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Whether the hop at `address`, `hop` steps from the socket, may say who it forwards for. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** Trust no proxy: the socket's own address is the client (the default). */
export const trustNoProxy: TrustProxy = () => false;

/**
 * Reads a trusted-proxy setting: a number of proxy hops in front of the server (`1` for one reverse proxy),
 * or a comma-separated list of proxy addresses, CIDR ranges and the names `loopback`, `linklocal` and
 * `uniquelocal`. Undefined when it does not parse. `X-Forwarded-For` is read only through trusted hops, so a
 * client cannot pick its own address by sending the header.
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (text === '' || text === '0') return trustNoProxy;
  if (/^\d{1,2}$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  try {
    return proxyAddr.compile(text.split(',').map((part) => part.trim()));
  } catch {
    return undefined;
  }
}

/** The client's address for rate limits: the socket's, or what the trusted proxies forwarded. */
export function clientAddress(incoming: IncomingMessage, trust: TrustProxy): string {
  return proxyAddr(incoming, trust);
}
