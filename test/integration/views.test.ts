import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";
import { httpCall } from "../support/http";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
const as = (role: Role, company = c) => callerFor(t.db, company.users[role].id, company.id);
const state = (patch: Record<string, unknown> = {}) => ({
  filters: { stages: ["lead"], region: ["east"], amountMin: 1000 },
  sort: { key: "amount" as const, dir: "desc" as const },
  columns: ["title", "amount", "region"],
  ...patch,
});

beforeAll(async () => {
  c = await makeCompany(t.db, "Views");
  other = await makeCompany(t.db, "Rival");
});

describe("saved views", () => {
  it("should save, list, rename, update and delete a member's own view", async () => {
    const rep = as("rep");
    const made = await rep.views.create({ name: "  East leads  ", state: state() });
    expect(made.name).toBe("East leads");
    expect(await rep.views.list()).toEqual([
      expect.objectContaining({ id: made.id, name: "East leads", state: state() }),
    ]);

    await rep.views.update({ viewId: made.id, name: "华东线索" });
    const changed = state({ sort: { key: "created", dir: "asc" }, columns: ["title", "contact"] });
    await rep.views.update({ viewId: made.id, state: changed });
    const [view] = await rep.views.list();
    expect(view).toMatchObject({ name: "华东线索", state: changed });

    const second = await rep.views.create({ name: "Second", state: state() });
    expect((await rep.views.list()).map((v) => v.id)).toEqual([made.id, second.id]);

    await rep.views.delete({ viewId: made.id });
    expect((await rep.views.list()).map((v) => v.name)).toEqual(["Second"]);
  });

  it("should keep views apart per member: another member neither sees nor changes them", async () => {
    const mine = await as("manager").views.create({ name: "Manager view", state: state() });
    expect((await as("admin").views.list()).map((v) => v.id)).not.toContain(mine.id);
    await expect(as("admin").views.update({ viewId: mine.id, name: "Taken" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(as("rep").views.delete({ viewId: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as("manager").views.list()).find((v) => v.id === mine.id)?.name).toBe("Manager view");
  });

  it("should keep views apart per company, even for the same person in both", async () => {
    const mine = await as("admin").views.create({ name: "Views Co only", state: state() });
    const rival = as("admin", other);
    expect(await rival.views.list()).toEqual([]);
    await expect(rival.views.update({ viewId: mine.id, state: state() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(rival.views.delete({ viewId: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as("admin").views.list()).map((v) => v.id)).toContain(mine.id);
  });

  it("should refuse an empty name or a state the list could not read, saving nothing", async () => {
    const trainer = as("trainer");
    await expect(trainer.views.create({ name: "   ", state: state() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      trainer.views.create({ name: "Bad", state: state({ sort: { key: "password", dir: "asc" } }) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      trainer.views.create({ name: "Bad", state: state({ filters: { amountMin: "lots" } }) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(trainer.views.create({ name: "Bad", state: state({ columns: [] }) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await trainer.views.list()).toEqual([]);
  });

  it("should say in the user's language that a view no longer exists", async () => {
    const who = { userId: c.users.rep.id, companyId: c.id };
    const input = { viewId: "00000000-0000-4000-8000-000000000001" };
    const zh = await httpCall(t.db, { ...who, locale: "zh-CN" }, "views.delete", input);
    expect(zh.status).toBe(404);
    expect(zh.error?.message).toBe("该视图已不存在。");
    const en = await httpCall(t.db, { ...who, locale: "en" }, "views.delete", input);
    expect(en.error?.message).toBe("This view no longer exists.");
  });
});
