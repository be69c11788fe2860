import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies, memberships, type Role } from "@/lib/server/db/schema";

export type ActiveMembership = {
  companyId: string;
  companyName: string;
  companyNameEn: string | null;
  role: Role;
};

/** The user's active memberships, oldest first. */
export async function activeMemberships(db: Db, userId: string): Promise<ActiveMembership[]> {
  return db
    .select({
      companyId: memberships.companyId,
      companyName: companies.name,
      companyNameEn: companies.nameEn,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.createdAt), asc(companies.name));
}

/**
 * The company a request acts in: the requested one when the user is an active member
 * of it, else the user's first active membership; null when the user has none.
 */
export async function resolveMembership(
  db: Db,
  userId: string,
  requestedCompanyId: string | null,
): Promise<ActiveMembership | null> {
  const all = await activeMemberships(db, userId);
  return all.find((m) => m.companyId === requestedCompanyId) ?? all[0] ?? null;
}
