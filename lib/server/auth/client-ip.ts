import { env } from "@/lib/env";

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function header(bag: HeaderBag, name: string): string | undefined {
  if (!bag) return undefined;
  if (bag instanceof Headers) return bag.get(name) ?? undefined;
  const v = bag[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The address failed sign-ins are counted against. Behind a proxy you run
 * (PW_TRUST_PROXY) the client is the first X-Forwarded-For entry; otherwise the last,
 * which Next's own server appended and the client cannot forge.
 */
export function clientIp(headers: HeaderBag): string | null {
  const forwarded = header(headers, "x-forwarded-for");
  const parts =
    forwarded
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  const ip = env.PW_TRUST_PROXY ? parts[0] : parts[parts.length - 1];
  return ip ?? header(headers, "x-real-ip") ?? null;
}
