import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which peers' X-Forwarded-For is believed (TRUST_PROXY): 0 = none; N = the last N hops, whoever the peer is (only
 * where nothing but the proxy can reach the service); a list of addresses, subnets or `loopback` / `linklocal` /
 * `uniquelocal` = the header is followed, right to left, only through peers in the list.
 */
export type TrustProxy = number | readonly string[];

export type TrustFunction = (address: string, hop: number) => boolean;

/** Throws when a list entry is not an address, a subnet or a known name. */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust.length === 0 ? () => false : proxyaddr.compile([...trust]);
}

/**
 * The client's address, the same rule as Express's `req.ip` (the HTTP app is set to this trust function): the
 * socket peer, or the nearest X-Forwarded-For entry not added by a trusted proxy. A client that sends the header
 * itself, directly or through the proxy, cannot choose its address.
 */
export function clientAddress(request: IncomingMessage, trust: TrustFunction): string {
  return proxyaddr(request, trust);
}
