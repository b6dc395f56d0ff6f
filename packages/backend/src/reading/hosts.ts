import net from 'node:net';

/** A host as config names it: lowercase hostname and an optional port. */
export interface HostMatcher {
  hostname: string;
  port?: string;
}

/** `[::1]` → `::1`; URL keeps the brackets of IPv6 literals in `hostname`. */
function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Parses a config `host` ("github.com", "ghe.example.com:8443", "[::1]:9000")
 * the way the URL parser would, so the comparison with a URL's host is exact
 * (case, IDN, IPv4 shorthand such as 0x7f.1). Undefined when it is not a bare host.
 */
export function parseHost(host: string): HostMatcher | undefined {
  if (!/^[^\s/?#@\\]+$/.test(host)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(`https://${host}`);
  } catch {
    return undefined;
  }
  if (parsed.pathname !== '/' || parsed.username || parsed.password) return undefined;
  // The URL parser drops :443 for https; keep the port the config gave.
  const port = /:(\d{1,5})$/.exec(host)?.[1];
  return { hostname: parsed.hostname, ...(port ? { port: String(Number(port)) } : {}) };
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === 'http:' ? '80' : '443';
}

/** A config host without a port matches the scheme's default port only. */
export function hostMatches(matcher: HostMatcher, url: URL): boolean {
  if (matcher.hostname !== url.hostname) return false;
  const wanted = matcher.port ?? (url.protocol === 'http:' ? '80' : '443');
  return wanted === effectivePort(url);
}

export function isIpLiteral(hostname: string): boolean {
  return net.isIP(bareHostname(hostname)) !== 0;
}

export function isLocalhostName(hostname: string): boolean {
  const name = hostname.replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

export function isLoopbackHost(hostname: string): boolean {
  const bare = bareHostname(hostname);
  if (isLocalhostName(bare)) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}
