import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";
import { PgTable as PgTableClass } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/lib/server/db/schema";

/** Tables that are not per-company: the tenant itself and global identities. */
const GLOBAL_TABLES = new Set(["companies", "users", "auth_throttle"]);
/**
 * Unique constraints that are global on purpose, because the value arrives before any company is
 * known: an API token names no company, its prefix finds the key (as an e-mail finds a user).
 * A distributed deployment keeps these lookups in a reference table.
 */
const GLOBAL_LOOKUPS = new Set(["api_keys_prefix_key"]);

const tables = Object.values(schema as Record<string, unknown>)
  .filter((v): v is PgTable => is(v, PgTableClass))
  .map((t) => getTableConfig(t));
const tenantTables = tables.filter((t) => !GLOBAL_TABLES.has(t.name));
const tenantNames = new Set(tenantTables.map((t) => t.name));

describe("tenancy of the schema (ready to distribute by company_id)", () => {
  it("should know every table as either global or per-company", () => {
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tenantTables) {
      expect([t.name, t.columns.some((c) => c.name === "company_id")]).toEqual([t.name, true]);
    }
  });

  it("should keep the global lookups to the few that need them", () => {
    const global = tenantTables.flatMap((t) =>
      t.uniqueConstraints.filter((u) => !u.columns.some((c) => c.name === "company_id")).map((u) => u.name),
    );
    expect(global.sort()).toEqual([...GLOBAL_LOOKUPS].sort());
  });

  it("should lead every tenant table's primary key with company_id", () => {
    for (const t of tenantTables) {
      const pk =
        t.primaryKeys[0]?.columns.map((c) => c.name) ?? t.columns.filter((c) => c.primary).map((c) => c.name);
      expect([t.name, pk[0]]).toEqual([t.name, "company_id"]);
    }
  });

  it("should include company_id in every unique constraint of a tenant table", () => {
    for (const t of tenantTables) {
      for (const u of t.uniqueConstraints.filter((u) => !GLOBAL_LOOKUPS.has(u.name ?? ""))) {
        expect([t.name, u.name, u.columns.map((c) => c.name)]).toEqual([
          t.name,
          u.name,
          expect.arrayContaining(["company_id"]),
        ]);
      }
      for (const i of t.indexes.filter((i) => i.config.unique)) {
        const cols = i.config.columns.map((c) => ("name" in c ? c.name : ""));
        expect([t.name, cols]).toEqual([t.name, expect.arrayContaining(["company_id"])]);
      }
      for (const c of t.columns.filter((c) => c.isUnique)) {
        throw new Error(`${t.name}.${c.name} is unique on its own; make the constraint include company_id`);
      }
    }
  });

  it("should include company_id in every foreign key between tenant tables", () => {
    for (const t of tenantTables) {
      for (const fk of t.foreignKeys) {
        const ref = fk.reference();
        const target = getTableConfig(ref.foreignTable).name;
        if (!tenantNames.has(target)) continue;
        const pairs = ref.columns.map((c, i) => [c.name, ref.foreignColumns[i]?.name]);
        expect([t.name, target, pairs]).toEqual([
          t.name,
          target,
          expect.arrayContaining([["company_id", "company_id"]]),
        ]);
      }
    }
  });
});
