import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Where webhooks may go. An admin types any URL, and the worker POSTs to it from inside the
 * server's network, so without a check a URL could reach the database, a cloud metadata service
 * (169.254.169.254) or an intranet admin page. Unless PW_WEBHOOK_ALLOW_PRIVATE is set, the
 * address a host name resolves to is checked when the worker connects (not only when the URL is
 * saved, so a name that later resolves to 127.0.0.1 is refused too), and redirects are not
 * followed.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is loopback, private, link-local, multicast or otherwise not public. */
export function isPrivateAddress(address: string) {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    // ::ffff:10.0.0.1 is 10.0.0.1.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true;
}

export type UrlProblem =
  "webhookUrlInvalid" | "webhookUrlScheme" | "webhookUrlCredentials" | "webhookUrlPrivate";

/**
 * Checks a URL as it is saved: http or https, no user:password, and (unless private targets are
 * allowed) not a literal private address or `localhost`. Host names are checked again on every
 * delivery, against what they resolve to then.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "webhookUrlInvalid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "webhookUrlScheme";
  if (url.username || url.password) return "webhookUrlCredentials";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "webhookUrlPrivate";
  if (isIP(host) && isPrivateAddress(host)) return "webhookUrlPrivate";
  return null;
}

export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused to connect to a private address (${address})`);
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that refuses private addresses: the address checked is the one
 * the socket then connects to, so DNS cannot answer differently between check and use.
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number },
  callback: LookupCallback,
) {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new PrivateAddressError(bad.address), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}
