import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, teamMembers, users, type Role } from "@/lib/server/db/schema";

export type CompanyUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  teamIds: string[];
  mustChangePassword: boolean;
  joinedAt: Date;
};

/** Everyone in the company, active first, with their teams. */
export async function listUsers(db: Db, companyId: string): Promise<CompanyUser[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      status: memberships.status,
      mustChangePassword: users.mustChangePassword,
      joinedAt: memberships.createdAt,
      teamIds: sql<
        string[]
      >`coalesce(array_agg(${teamMembers.teamId}) filter (where ${teamMembers.teamId} is not null), '{}')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      teamMembers,
      and(eq(teamMembers.companyId, memberships.companyId), eq(teamMembers.userId, memberships.userId)),
    )
    .where(eq(memberships.companyId, companyId))
    .groupBy(users.id, memberships.companyId, memberships.userId)
    .orderBy(asc(memberships.status), asc(users.name));
  return rows.map(({ status, ...r }) => ({ ...r, active: status === "active" }));
}

/** One member of the company, or undefined when the id is not a member of it. */
export async function findMember(db: Db, companyId: string, userId: string) {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)));
  return row;
}
