import { getTableConfig, PgTable, type PgTable as Table } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/lib/server/db/schema";
import { ARCHIVED_TABLES, SKIPPED_TABLES } from "@/lib/server/exports/archive";

const GLOBAL = new Set(["companies", "users", "auth_throttle"]);
const tables = Object.values(schema as Record<string, unknown>)
  .filter((v): v is Table => is(v, PgTable))
  .map((t) => getTableConfig(t));
const archived = new Map(ARCHIVED_TABLES.map((a) => [getTableConfig(a.table).name, a]));

describe("the company archive's tables", () => {
  it("should decide for every tenant table whether an archive carries it", () => {
    const tenant = tables.filter((t) => !GLOBAL.has(t.name)).map((t) => t.name);
    const undecided = tenant.filter((name) => !archived.has(name) && !SKIPPED_TABLES.includes(name));
    expect(undecided).toEqual([]);
    expect([...archived.keys()].filter((name) => SKIPPED_TABLES.includes(name))).toEqual([]);
  });

  it("should remap every column that points at a member", () => {
    for (const [name, { table, userColumns }] of archived) {
      for (const fk of getTableConfig(table).foreignKeys) {
        const ref = fk.reference();
        if (getTableConfig(ref.foreignTable).name !== "memberships") continue;
        const own = ref.columns.map((c) => c.name).filter((c) => c !== "company_id");
        expect([name, own.every((c) => userColumns.includes(c))]).toEqual([name, true]);
      }
    }
  });

  it("should insert a table only after the tables its foreign keys point at", () => {
    const order = [...archived.keys()];
    for (const [name, { table }] of archived) {
      for (const fk of getTableConfig(table).foreignKeys) {
        const target = getTableConfig(fk.reference().foreignTable).name;
        if (!archived.has(target) || target === name) continue;
        expect([name, target, order.indexOf(target) < order.indexOf(name)]).toEqual([name, target, true]);
      }
    }
  });
});
