import net from 'node:net';

/**
 * TRUST_PROXY: "0" (no proxy), a hop count ("1" = one reverse proxy in front), or a comma-separated
 * list of proxy addresses and CIDR ranges ("10.0.0.0/8, 192.168.1.10"). The client address is the last
 * hop that is not trusted, so an X-Forwarded-For the client wrote itself is never believed beyond it.
 */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

function addressProblem(entry: string): string | null {
  const [addr, prefix, ...rest] = entry.split('/');
  if (rest.length || !addr) return `"${entry}" is not an address or CIDR range`;
  const family = net.isIP(addr);
  if (!family) return `"${entry}" is not an IPv4 or IPv6 address`;
  if (prefix === undefined) return null;
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return `"${entry}" has an invalid prefix length`;
  return null;
}

/** A problem with a TRUST_PROXY value, in English (configuration errors stop the process), or null. */
export function trustProxyProblem(value: string): string | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) <= 32 ? null : 'TRUST_PROXY hop count must be between 0 and 32';
  const entries = v.split(',').map((e) => e.trim());
  if (entries.some((e) => !e)) return 'TRUST_PROXY must be a hop count or a comma-separated list of addresses/CIDRs';
  for (const e of entries) {
    const problem = addressProblem(e);
    if (problem) return `TRUST_PROXY: ${problem}`;
  }
  return null;
}

/** Fastify's trustProxy option for a validated TRUST_PROXY value. */
export function trustProxySetting(value: string): TrustProxy {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    // Hop 0 is the socket's peer (the nearest proxy); trusting n hops believes n addresses, no more.
    return hops === 0 ? false : (_address: string, hop: number) => hop < hops;
  }
  return v.split(',').map((e) => e.trim());
}
