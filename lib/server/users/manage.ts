import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { invites, memberships, teamMembers, teams, users, type Role } from "@/lib/server/db/schema";
import { hashPassword } from "@/lib/server/auth/password";
import { appError } from "@/lib/server/errors";
import type { CreateUserInput } from "@/lib/validation/users";
import { hashToken, inviteToken, oneTimePassword } from "./secrets";

export const INVITE_TTL_DAYS = 7;

export type CreateUserResult =
  | { kind: "password"; userId: string; password: string }
  | { kind: "invite"; token: string; expiresAt: Date }
  | { kind: "added"; userId: string };

async function assertTeamsInCompany(tx: Tx, companyId: string, teamIds: string[]) {
  if (teamIds.length === 0) return;
  const found = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.companyId, companyId), inArray(teams.id, teamIds)));
  if (found.length !== new Set(teamIds).size) throw appError("NOT_FOUND", "teamNotFound");
}

async function member(tx: Tx, companyId: string, userId: string) {
  const [m] = await tx
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
    .for("update");
  if (!m) throw appError("NOT_FOUND", "userNotFound");
  return m;
}

/** Refuses a change that would leave the company without an active admin. */
async function assertOtherActiveAdmin(tx: Tx, companyId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(
      and(
        eq(memberships.companyId, companyId),
        eq(memberships.role, "admin"),
        eq(memberships.status, "active"),
        ne(memberships.userId, userId),
      ),
    );
  if (!row || row.n === 0) throw appError("CONFLICT", "lastAdmin");
}

/**
 * Adds a person to the company. Someone who already has a Pipewright account is
 * simply added; otherwise they get a one-time password or an invitation link.
 */
export async function createUser(
  db: Db,
  companyId: string,
  actorId: string,
  input: CreateUserInput & { teamIds: string[] },
  now = new Date(),
): Promise<CreateUserResult> {
  const password = input.method === "password" ? oneTimePassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  return db.transaction(async (tx) => {
    await assertTeamsInCompany(tx, companyId, input.teamIds);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) {
      const [already] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, existing.id)));
      if (already) throw appError("CONFLICT", "alreadyMember");
      await addMembership(tx, companyId, existing.id, input.role, input.teamIds);
      return { kind: "added", userId: existing.id };
    }
    if (input.method === "invite") {
      const token = inviteToken();
      const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
      // One pending invitation per address: a new one replaces the old link.
      await tx.delete(invites).where(and(eq(invites.companyId, companyId), eq(invites.email, input.email)));
      await tx.insert(invites).values({
        companyId,
        email: input.email,
        role: input.role,
        teamId: input.teamIds[0] ?? null,
        tokenHash: hashToken(token),
        createdBy: actorId,
        expiresAt,
      });
      return { kind: "invite", token, expiresAt };
    }
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, mustChangePassword: true })
      .returning({ id: users.id });
    await addMembership(tx, companyId, user!.id, input.role, input.teamIds);
    return { kind: "password", userId: user!.id, password: password! };
  });
}

export async function addMembership(
  tx: Tx,
  companyId: string,
  userId: string,
  role: Role,
  teamIds: string[],
) {
  await tx.insert(memberships).values({ companyId, userId, role });
  if (teamIds.length) {
    await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ companyId, teamId, userId })));
  }
}

export async function setRole(db: Db, companyId: string, input: { userId: string; role: Role }) {
  await db.transaction(async (tx) => {
    const m = await member(tx, companyId, input.userId);
    if (m.role === "admin" && input.role !== "admin")
      await assertOtherActiveAdmin(tx, companyId, input.userId);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, input.userId)));
  });
}

/** Deactivated members cannot sign in to the company; their deals and history stay. */
export async function setUserStatus(
  db: Db,
  companyId: string,
  actorId: string,
  input: { userId: string; active: boolean },
  now = new Date(),
) {
  if (!input.active && input.userId === actorId) throw appError("BAD_REQUEST", "cannotDeactivateSelf");
  await db.transaction(async (tx) => {
    const m = await member(tx, companyId, input.userId);
    if (!input.active && m.role === "admin") await assertOtherActiveAdmin(tx, companyId, input.userId);
    await tx
      .update(memberships)
      .set({ status: input.active ? "active" : "deactivated", deactivatedAt: input.active ? null : now })
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, input.userId)));
  });
}

export async function setUserTeams(db: Db, companyId: string, input: { userId: string; teamIds: string[] }) {
  await db.transaction(async (tx) => {
    await member(tx, companyId, input.userId);
    await assertTeamsInCompany(tx, companyId, input.teamIds);
    await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.companyId, companyId), eq(teamMembers.userId, input.userId)));
    if (input.teamIds.length) {
      await tx
        .insert(teamMembers)
        .values([...new Set(input.teamIds)].map((teamId) => ({ companyId, teamId, userId: input.userId })));
    }
  });
}

/**
 * Gives a member a new one-time password. Refused for people who also belong to
 * another company: one company's admin must not take over an account it shares.
 */
export async function resetPassword(
  db: Db,
  companyId: string,
  userId: string,
): Promise<{ password: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await member(tx, companyId, userId);
    const [other] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), ne(memberships.companyId, companyId)));
    if (other && other.n > 0) throw appError("FORBIDDEN", "sharedAccount");
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId));
  });
  return { password };
}
