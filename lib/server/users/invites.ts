import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies, invites, memberships, users, type Role } from "@/lib/server/db/schema";
import { hashPassword } from "@/lib/server/auth/password";
import { appError } from "@/lib/server/errors";
import { addMembership } from "./manage";
import { hashToken } from "./secrets";

export type InviteInfo = { email: string; companyName: string; role: Role; hasAccount: boolean };

async function openInvite(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ invite: invites, companyName: companies.name })
    .from(invites)
    .innerJoin(companies, eq(companies.id, invites.companyId))
    .where(
      and(eq(invites.tokenHash, hashToken(token)), isNull(invites.acceptedAt), gt(invites.expiresAt, now)),
    );
  if (!row) throw appError("NOT_FOUND", "inviteInvalid");
  return row;
}

/** What the invitation page shows before the person accepts. */
export async function inviteInfo(db: Db, token: string, now = new Date()): Promise<InviteInfo> {
  const { invite, companyName } = await openInvite(db, token, now);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, invite.email));
  return { email: invite.email, companyName, role: invite.role, hasAccount: Boolean(user) };
}

/**
 * Accepts an invitation: creates the account (or, for someone who already has one,
 * only the membership; their password is left alone) and marks the link used.
 */
export async function acceptInvite(
  db: Db,
  input: { token: string; name?: string; password?: string },
  now = new Date(),
): Promise<{ email: string; newAccount: boolean }> {
  const { invite } = await openInvite(db, input.token, now);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(invites)
      .set({ acceptedAt: now })
      .where(
        and(eq(invites.companyId, invite.companyId), eq(invites.id, invite.id), isNull(invites.acceptedAt)),
      )
      .returning({ id: invites.id });
    if (!used) throw appError("NOT_FOUND", "inviteInvalid");
    let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invite.email));
    const newAccount = !user;
    if (!user) {
      if (!input.name || !passwordHash) throw appError("BAD_REQUEST", "namePasswordRequired");
      [user] = await tx
        .insert(users)
        .values({ email: invite.email, name: input.name, passwordHash })
        .returning({ id: users.id });
    }
    const [already] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.companyId, invite.companyId), eq(memberships.userId, user!.id)));
    if (!already)
      await addMembership(tx, invite.companyId, user!.id, invite.role, invite.teamId ? [invite.teamId] : []);
    return { email: invite.email, newAccount };
  });
}

export async function listPendingInvites(db: Db, companyId: string, now = new Date()) {
  return db
    .select({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.companyId, companyId), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
    .orderBy(asc(invites.createdAt));
}

export async function revokeInvite(db: Db, companyId: string, inviteId: string) {
  const deleted = await db
    .delete(invites)
    .where(and(eq(invites.companyId, companyId), eq(invites.id, inviteId)))
    .returning({ id: invites.id });
  if (deleted.length === 0) throw appError("NOT_FOUND", "inviteInvalid");
}
