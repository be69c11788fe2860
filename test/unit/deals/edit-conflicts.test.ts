import { describe, expect, it } from "vitest";
import { editConflicts } from "@/app/(app)/deals/[id]/edit-conflicts";

type Event = {
  id: number;
  actorId: string | null;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
};

const at = "2026-11-20T10:00:00.000Z";
const base = {
  deal: { currency: "CNY" },
  values: { title: "ERP", amount: 100, contact: "王", need: "ERP" },
  events: [{ id: 1, actorId: "rep", at, changes: { title: { from: null, to: "ERP" } } }] as Event[],
};
const current = {
  deal: { currency: "USD" },
  values: { title: "ERP", amount: 300, contact: "李", need: "ERP" },
  events: <Event[]>[
    ...base.events,
    { id: 7, actorId: "manager", at, changes: { amount: { from: 100, to: 200 } } },
    { id: 9, actorId: "admin", at: "2026-11-21T08:00:00.000Z", changes: { amount: { from: 200, to: 300 } } },
    {
      id: 10,
      actorId: "manager",
      at,
      changes: { contact: { from: "王", to: "李" }, currency: { from: "CNY", to: "USD" } },
    },
  ],
};

describe("editConflicts", () => {
  it("should name the last person who changed a field the user also changed, with both values", () => {
    const rows = editConflicts(base, current, { amount: 150 });
    expect(rows[0]).toEqual({
      key: "amount",
      base: 100,
      mine: 150,
      current: 300,
      by: "admin",
      at: new Date("2026-11-21T08:00:00.000Z"),
      kind: "clash",
    });
  });

  it("should list what others changed that the user did not touch, after the clashes", () => {
    const rows = editConflicts(base, current, { amount: 150, need: "CRM" });
    expect(rows.map((r) => [r.key, r.kind])).toEqual([
      ["amount", "clash"],
      ["contact", "theirs"],
      ["currency", "theirs"],
      ["need", "mine"],
    ]);
  });

  it("should tell a change both made alike from a clash", () => {
    const rows = editConflicts(base, current, { contact: "李" });
    expect(rows.find((r) => r.key === "contact")?.kind).toBe("same");
  });

  it("should ignore events the user had already seen", () => {
    const rows = editConflicts(current, current, { title: "ERP 2" });
    expect(rows).toEqual([
      { key: "title", base: "ERP", mine: "ERP 2", current: "ERP", by: null, at: null, kind: "mine" },
    ]);
  });
});
