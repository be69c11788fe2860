import { inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { authThrottle } from "@/lib/server/db/schema";

/** Failures allowed in one window before the key is locked, per kind of key. */
export const THROTTLE_LIMITS = {
  account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { failures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type ThrottleKey = { kind: keyof typeof THROTTLE_LIMITS; value: string };

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value}`;

/** When the earliest of these keys is unlocked again, or null when none is locked. */
export async function lockedUntil(db: Db | Tx, keys: ThrottleKey[], now: Date): Promise<Date | null> {
  if (keys.length === 0) return null;
  const rows = await db
    .select({ lockedUntil: authThrottle.lockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, keys.map(keyOf)));
  const locks = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

/** Counts one failed sign-in against each key, locking a key that reaches its limit. */
export async function recordFailure(db: Db | Tx, keys: ThrottleKey[], now: Date): Promise<void> {
  for (const k of keys) {
    const limit = THROTTLE_LIMITS[k.kind];
    // postgres.js takes dates inside raw sql fragments as text only.
    const windowStart = new Date(now.getTime() - limit.windowMs).toISOString();
    const lockUntil = new Date(now.getTime() + limit.lockMs).toISOString();
    const nowText = now.toISOString();
    // One statement, so concurrent failures from several servers all count.
    await db
      .insert(authThrottle)
      .values({ key: keyOf(k), failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStartedAt} < ${windowStart}::timestamptz then 1 else ${authThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < ${windowStart}::timestamptz then ${nowText}::timestamptz else ${authThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when ${authThrottle.windowStartedAt} >= ${windowStart}::timestamptz and ${authThrottle.failures} + 1 >= ${limit.failures} then ${lockUntil}::timestamptz else ${authThrottle.lockedUntil} end`,
        },
      });
  }
}

export async function clearFailures(db: Db | Tx, keys: ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db.delete(authThrottle).where(inArray(authThrottle.key, keys.map(keyOf)));
}
