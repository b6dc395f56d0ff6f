import dns from 'node:dns';
import net from 'node:net';

/**
 * Addresses a catalog file is never read from through a host *name* unless
 * its allow entry says the host is on the private network: loopback,
 * private ranges, link-local (cloud metadata services live at
 * 169.254.169.254), shared and reserved ranges, multicast. Without this, a
 * name on the allow list whose DNS answer changes (DNS rebinding) would
 * reach internal services.
 */
const PRIVATE = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // unspecified and loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = net.isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  // Not an address at all: nothing to connect to, so refuse.
  return true;
}

/** The host resolved to a private address; the reader turns this into a NotAllowedError. */
export class PrivateAddressRefusal extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`host '${hostname}' resolves to ${address}, a private address`);
    this.name = 'PrivateAddressRefusal';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;
export type Resolver = (hostname: string, options: dns.LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

/**
 * A `lookup` for outgoing connections. With `publicOnly` it fails when any
 * address of the host is private; it runs at connect time, on the address
 * the socket then uses, so a second DNS answer cannot slip past an earlier
 * check.
 */
export function addressLookup(options: { publicOnly: boolean; resolve?: Resolver }): LookupFunction {
  const resolve = options.resolve ?? dns.lookup;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = options.publicOnly ? addresses.find((a) => isPrivateAddress(a.address)) : undefined;
      if (refused) return callback(new PrivateAddressRefusal(hostname, refused.address), []);
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      if (lookupOptions.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
