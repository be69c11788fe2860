import { createHash, randomBytes, randomInt } from "node:crypto";

// No 0/O, 1/l/I: the password is read off a screen and typed by hand.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password an admin hands to a new user (about 70 bits). */
export function oneTimePassword(length = 12): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function inviteToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Only the hash of an invite token is stored, so a leaked table grants nothing. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
