import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { THROTTLE_LIMITS } from "@/lib/server/auth/throttle";
import { memberships, users } from "@/lib/server/db/schema";
import { callerFor, makeCompany, PASSWORD } from "../support/fixtures";
import { setupTestDatabase } from "../support/db";
import { httpCall } from "../support/http";

const t = setupTestDatabase();

describe("sign-up", () => {
  it("should create a company whose first user is its admin", async () => {
    const cookies: Record<string, string> = {};
    await callerFor(t.db, null, null, { cookies }).auth.signUp({
      companyName: "华信科技",
      name: "陈晨",
      email: "  Chen@Example.COM ",
      password: "a-good-password",
      locale: "zh-CN",
    });
    const result = await authenticate(t.db, { email: "chen@example.com", password: "a-good-password" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, result.user.id));
    expect(m?.role).toBe("admin");
    expect(cookies["pw-company"]).toBe(m?.companyId);
    const me = await callerFor(t.db, result.user.id).me.get();
    expect(me.activeCompany?.companyName).toBe("华信科技");
    expect(me.locale).toBe("zh-CN");
  });

  it("should refuse an e-mail that already has an account, in the user's language", async () => {
    const input = {
      companyName: "Acme",
      name: "A",
      email: "dup@example.com",
      password: "a-good-password",
      locale: "en" as const,
    };
    await callerFor(t.db, null).auth.signUp(input);
    const en = await httpCall(t.db, { locale: "en" }, "auth.signUp", input);
    expect(en.status).toBe(409);
    expect(en.error?.message).toBe("An account with this email already exists. Sign in instead.");
    const zh = await httpCall(t.db, { locale: "zh-CN" }, "auth.signUp", input);
    expect(zh.status).toBe(409);
    expect(zh.error?.message).toBe("该邮箱已注册,请直接登录。");
  });

  it("should reject bad input as BAD_REQUEST naming the fields, and create nothing", async () => {
    const before = await t.db.select().from(users);
    const res = await httpCall(t.db, { locale: "zh-CN" }, "auth.signUp", {
      companyName: "A",
      name: "",
      email: "not-an-email",
      password: "short",
      locale: "en",
    });
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe("部分内容填写有误,请检查。");
    expect(Object.keys(res.error?.data.fieldErrors ?? {}).sort()).toEqual([
      "companyName",
      "email",
      "name",
      "password",
    ]);
    expect(res.error?.data.fieldErrors?.password).toEqual(["passwordTooShort"]);
    expect(res.raw).not.toMatch(/stack|at .*\.ts:/);
    const after = await t.db.select().from(users);
    expect(after.length).toBe(before.length);
  });
});

describe("sign-in", () => {
  it("should accept the right password and refuse a wrong one", async () => {
    const c = await makeCompany(t.db, "Signin");
    expect((await authenticate(t.db, { email: c.users.rep.email, password: PASSWORD })).ok).toBe(true);
    expect(await authenticate(t.db, { email: c.users.rep.email, password: "wrong" })).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(await authenticate(t.db, { email: "nobody@nowhere.test", password: PASSWORD })).toEqual({
      ok: false,
      code: "invalid",
    });
  });

  it("should lock an account after repeated failures, even for the right password, until the lock expires", async () => {
    const c = await makeCompany(t.db, "Throttle");
    const now = new Date("2026-01-01T08:00:00Z");
    for (let i = 0; i < THROTTLE_LIMITS.account.failures; i++) {
      expect((await authenticate(t.db, { email: c.users.trainer.email, password: "wrong", now })).ok).toBe(
        false,
      );
    }
    const locked = await authenticate(t.db, { email: c.users.trainer.email, password: PASSWORD, now });
    expect(locked).toMatchObject({ ok: false, code: "throttled" });
    const later = new Date(now.getTime() + THROTTLE_LIMITS.account.lockMs + 1000);
    expect(
      (await authenticate(t.db, { email: c.users.trainer.email, password: PASSWORD, now: later })).ok,
    ).toBe(true);
  });

  it("should lock an IP that fails across many accounts, without locking others' IPs", async () => {
    const now = new Date("2026-02-01T08:00:00Z");
    for (let i = 0; i < THROTTLE_LIMITS.ip.failures; i++) {
      await authenticate(t.db, { email: `guess${i}@example.com`, password: "x", ip: "203.0.113.9", now });
    }
    const c = await makeCompany(t.db, "Ipthrottle");
    expect(
      await authenticate(t.db, { email: c.users.rep.email, password: PASSWORD, ip: "203.0.113.9", now }),
    ).toMatchObject({
      code: "throttled",
    });
    expect(
      (await authenticate(t.db, { email: c.users.rep.email, password: PASSWORD, ip: "198.51.100.1", now }))
        .ok,
    ).toBe(true);
  });

  it("should refuse a deactivated user, and let them in again once reactivated", async () => {
    const c = await makeCompany(t.db, "Deact");
    const admin = callerFor(t.db, c.users.admin.id, c.id);
    await admin.users.setStatus({ userId: c.users.rep.id, active: false });
    expect(await authenticate(t.db, { email: c.users.rep.email, password: PASSWORD })).toEqual({
      ok: false,
      code: "deactivated",
    });
    // A session issued before the deactivation is cut off at once.
    await expect(callerFor(t.db, c.users.rep.id, c.id).deals.list({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await admin.users.setStatus({ userId: c.users.rep.id, active: true });
    expect((await authenticate(t.db, { email: c.users.rep.email, password: PASSWORD })).ok).toBe(true);
  });

  it("should keep a deactivated user's deals", async () => {
    const c = await makeCompany(t.db, "Keepdeals");
    await callerFor(t.db, c.users.admin.id, c.id).users.setStatus({ userId: c.users.rep.id, active: false });
    const page = await callerFor(t.db, c.users.admin.id, c.id).deals.list({});
    expect(page.items.filter((d) => d.ownerName === "Keepdeals rep")).toHaveLength(2);
  });
});

describe("several companies", () => {
  it("should let a member of two companies switch between them", async () => {
    const a = await makeCompany(t.db, "Alpha");
    const b = await makeCompany(t.db, "Beta");
    // Alpha's manager is also a rep at Beta.
    await callerFor(t.db, b.users.admin.id, b.id).users.create({
      email: a.users.manager.email,
      name: "ignored",
      role: "rep",
      method: "password",
    });
    const cookies: Record<string, string> = {};
    const me = await callerFor(t.db, a.users.manager.id).me.get();
    expect(me.companies.map((c) => c.companyName).sort()).toEqual(["Alpha Co", "Beta Co"]);

    await callerFor(t.db, a.users.manager.id, a.id, { cookies }).me.switchCompany({ companyId: b.id });
    expect(cookies["pw-company"]).toBe(b.id);
    const inBeta = await callerFor(t.db, a.users.manager.id, cookies["pw-company"]).me.get();
    expect(inBeta.activeCompany).toMatchObject({ companyId: b.id, role: "rep" });
    // As a rep at Beta they may not manage teams, though they may at Alpha.
    await expect(
      callerFor(t.db, a.users.manager.id, b.id).teams.create({ name: "X", managerId: null, memberIds: [] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(t.db, a.users.manager.id, a.id).teams.create({ name: "X", managerId: null, memberIds: [] }),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("should fall back to another company when the requested membership is deactivated", async () => {
    const a = await makeCompany(t.db, "Gamma");
    const b = await makeCompany(t.db, "Delta");
    await callerFor(t.db, b.users.admin.id, b.id).users.create({
      email: a.users.rep.email,
      name: "x",
      role: "rep",
      method: "password",
    });
    await callerFor(t.db, b.users.admin.id, b.id).users.setStatus({ userId: a.users.rep.id, active: false });
    const me = await callerFor(t.db, a.users.rep.id, b.id).me.get();
    expect(me.activeCompany?.companyId).toBe(a.id);
    await expect(
      callerFor(t.db, a.users.rep.id, a.id).me.switchCompany({ companyId: b.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Still active at Gamma, so they can sign in.
    expect((await authenticate(t.db, { email: a.users.rep.email, password: PASSWORD })).ok).toBe(true);
  });
});
