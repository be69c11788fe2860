import "server-only";
import { env } from "@/lib/env";
import { openDb, type DbHandle } from "./client";

export type { Db, Tx } from "./client";

// One pool per server process, created on first use so `next build` never connects.
const globalForDb = globalThis as unknown as { pipewrightDb?: DbHandle };

export function getDb() {
  if (!globalForDb.pipewrightDb) {
    if (!env.DATABASE_URL) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which start an embedded Postgres, or set DATABASE_URL.",
      );
    }
    globalForDb.pipewrightDb = openDb(env.DATABASE_URL, { max: env.PW_DB_POOL });
  }
  return globalForDb.pipewrightDb.db;
}
