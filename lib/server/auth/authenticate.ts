import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, users } from "@/lib/server/db/schema";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedUntil, recordFailure, type ThrottleKey } from "./throttle";

export type AuthenticatedUser = { id: string; email: string; name: string; locale: string | null };

export type AuthenticateResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; code: "invalid" | "deactivated" }
  | { ok: false; code: "throttled"; retryAt: Date };

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

/**
 * Checks an e-mail and password. Failures are counted per account and per IP; a
 * locked key is refused before the password is even checked. A user whose every
 * membership is deactivated cannot sign in.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip?: string | null; now?: Date },
): Promise<AuthenticateResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const keys: ThrottleKey[] = [{ kind: "account", value: email }];
  if (input.ip) keys.push({ kind: "ip", value: input.ip });

  const retryAt = await lockedUntil(db, keys, now);
  if (retryAt) return { ok: false, code: "throttled", retryAt };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : // Spend the same time as a real check, so response times do not reveal accounts.
      (await verifyPassword(await dummyPasswordHash(), input.password), false);

  if (!user || !passwordOk) {
    await recordFailure(db, keys, now);
    return { ok: false, code: "invalid" };
  }

  const [active] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.status, "active")));
  if (!active || active.n === 0) return { ok: false, code: "deactivated" };

  await clearFailures(db, [{ kind: "account", value: email }]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, locale: user.locale } };
}
