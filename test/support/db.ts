import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { openDb, type DbHandle } from "@/lib/server/db/client";

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a database of this file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = inject("pgServerUrl");
  const name = `${inject("pgClonePrefix")}${randomBytes(4).toString("hex")}`;
  const admin = postgres(withDatabase(server, "postgres"), { max: 1, onnotice: () => {} });
  // CREATE DATABASE … TEMPLATE needs the template to have no other connection; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${inject("pgTemplate")}"`);
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
  return {
    url: withDatabase(server, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** In a test file: `const t = setupTestDatabase();` then `t.db` inside tests. */
export function setupTestDatabase() {
  const state = {} as DbHandle & { url: string };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    Object.assign(state, openDb(created.url, { max: 5 }), { url: created.url });
  });
  afterAll(async () => {
    await state.close?.();
    await drop?.();
  });
  return state;
}
