import { eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { appError } from "@/lib/server/errors";
import type { Locale } from "@/lib/i18n/config";

export async function getProfile(db: Db, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw appError("UNAUTHORIZED", "signedOut");
  return user;
}

export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw appError("BAD_REQUEST", "wrongPassword");
  }
  if (input.currentPassword === input.newPassword) throw appError("BAD_REQUEST", "samePassword");
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false })
    .where(eq(users.id, userId));
}

export async function updateProfile(
  db: Db,
  userId: string,
  input: { name?: string; locale?: Locale | null },
) {
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) return;
  await db.update(users).set(changes).where(eq(users.id, userId));
}
