import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, PASSWORD } from "../support/fixtures";

const t = setupTestDatabase();

describe("adding people", () => {
  it("should give a new user a one-time password they must change at first sign-in", async () => {
    const c = await makeCompany(t.db, "Otp");
    const created = await callerFor(t.db, c.users.admin.id, c.id).users.create({
      email: "New.Rep@otp.test",
      name: "新销售",
      role: "rep",
      teamIds: [c.teamId],
      method: "password",
    });
    if (created.kind !== "password") throw new Error("expected a one-time password");
    expect(created.password).toMatch(/^[A-Za-z2-9]{12}$/);
    const signedIn = await authenticate(t.db, { email: "new.rep@otp.test", password: created.password });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const me = callerFor(t.db, signedIn.user.id);
    expect((await me.me.get()).mustChangePassword).toBe(true);
    await me.auth.changePassword({ currentPassword: created.password, newPassword: "my-own-password" });
    expect((await me.me.get()).mustChangePassword).toBe(false);
    expect((await authenticate(t.db, { email: "new.rep@otp.test", password: "my-own-password" })).ok).toBe(
      true,
    );
    const listed = (await callerFor(t.db, c.users.admin.id, c.id).users.list()).find(
      (u) => u.id === signedIn.user.id,
    );
    expect(listed).toMatchObject({ role: "rep", teamIds: [c.teamId], active: true });
  });

  it("should let an invited person set their password through the link, once", async () => {
    const c = await makeCompany(t.db, "Invite");
    const created = await callerFor(t.db, c.users.admin.id, c.id).users.create({
      email: "invitee2@invite.test",
      name: "Invitee",
      role: "trainer",
      method: "invite",
    });
    if (created.kind !== "invite") throw new Error("expected an invitation");
    const anon = callerFor(t.db, null);
    expect(await anon.auth.inviteInfo({ token: created.token })).toMatchObject({
      email: "invitee2@invite.test",
      companyName: "Invite Co",
      role: "trainer",
      hasAccount: false,
    });
    expect((await callerFor(t.db, c.users.admin.id, c.id).users.invites()).map((i) => i.email)).toContain(
      "invitee2@invite.test",
    );
    await anon.auth.acceptInvite({ token: created.token, name: "王芳", password: "chosen-password" });
    const signedIn = await authenticate(t.db, { email: "invitee2@invite.test", password: "chosen-password" });
    expect(signedIn.ok).toBe(true);
    await expect(
      anon.auth.acceptInvite({ token: created.token, name: "x", password: "another-one" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("should add someone who already has an account without touching their password", async () => {
    const a = await makeCompany(t.db, "Exist1");
    const b = await makeCompany(t.db, "Exist2");
    const result = await callerFor(t.db, b.users.admin.id, b.id).users.create({
      email: a.users.rep.email,
      name: "whatever",
      role: "manager",
      method: "password",
    });
    expect(result.kind).toBe("added");
    expect((await authenticate(t.db, { email: a.users.rep.email, password: PASSWORD })).ok).toBe(true);
    await expect(
      callerFor(t.db, b.users.admin.id, b.id).users.create({
        email: a.users.rep.email,
        name: "x",
        role: "rep",
        method: "password",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // Company B's admin may not reset the password of an account Company A shares.
    await expect(
      callerFor(t.db, b.users.admin.id, b.id).users.resetPassword({ userId: a.users.rep.id }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("keeping the company manageable", () => {
  it("should never leave the company without an active admin", async () => {
    const c = await makeCompany(t.db, "Lastadmin");
    const admin = callerFor(t.db, c.users.admin.id, c.id);
    await expect(admin.users.setStatus({ userId: c.users.admin.id, active: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // Promote the manager, then the first admin may step down.
    await admin.users.setRole({ userId: c.users.manager.id, role: "admin" });
    const other = callerFor(t.db, c.users.manager.id, c.id);
    await other.users.setRole({ userId: c.users.admin.id, role: "rep" });
    await expect(other.users.setRole({ userId: c.users.manager.id, role: "rep" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("should refuse to delete a team that still owns deals", async () => {
    const c = await makeCompany(t.db, "Teamdeals");
    await expect(
      callerFor(t.db, c.users.manager.id, c.id).teams.delete({ teamId: c.teamId }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("should refuse a team manager who is a rep, and duplicate team names", async () => {
    const c = await makeCompany(t.db, "Teamrules");
    const manager = callerFor(t.db, c.users.manager.id, c.id);
    await expect(
      manager.teams.create({ name: "New", managerId: c.users.rep.id, memberIds: [] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      manager.teams.create({ name: "Teamrules team", managerId: null, memberIds: [] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
