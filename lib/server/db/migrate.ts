import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { migrateJobQueue } from "@/lib/server/jobs/queue";
import { openDb } from "./client";

/** Any 64-bit number that is ours alone: several app servers may start at once. */
const MIGRATION_LOCK = 7_202_611_260;

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

/**
 * Applies the committed migrations in drizzle/ and the job queue's own, holding an
 * advisory lock while it does.
 */
export async function runMigrations(url: string): Promise<void> {
  const { db, sql, close } = openDb(url, { max: 1 });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await migrateJobQueue(url);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await close();
  }
}
