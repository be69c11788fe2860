import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, teams, users } from "@/lib/server/db/schema";

/** The company's active members and its teams: what user pickers, owner rules and approvers choose from. */
export async function directory(db: Db, companyId: string) {
  const [people, teamRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, companyId), eq(memberships.status, "active")))
      .orderBy(asc(users.name), asc(users.id)),
    db
      .select({ id: teams.id, key: teams.key, name: teams.name, nameEn: teams.nameEn })
      .from(teams)
      .where(eq(teams.companyId, companyId))
      .orderBy(asc(teams.name)),
  ]);
  return { users: people, teams: teamRows };
}
