import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new signing secret: `whsec_` and 256 random bits. */
export function newWebhookSecret() {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** hex HMAC-SHA256 of `<t>.<body>` with the secret (the whole `whsec_…` string is the key). */
export function signatureOf(secret: string, timestamp: number, body: string) {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The `Pipewright-Signature` header: `t=<unix seconds>,v1=<hex>`, with one more `v1=` while a
 * rotated-out secret still signs (24 hours after a rotation).
 */
export function signatureHeader(secrets: string[], timestamp: number, body: string) {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signatureOf(s, timestamp, body)}`)].join(",");
}

/**
 * What a receiver does (docs/api.md shows the same in a few lines): some `v1` matches the HMAC
 * of `<t>.<body>`, compared in constant time, and `t` is recent (5 minutes by default), so a
 * recorded request cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
) {
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  return parts
    .filter(([k, v]) => k === "v1" && v)
    .some(([, v]) => {
      const given = Buffer.from(v!, "hex");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
