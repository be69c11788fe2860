import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { openDb } from "@/lib/server/db/client";
import { startEmbeddedPostgres } from "@/lib/server/db/embedded";
import { runMigrations } from "@/lib/server/db/migrate";
import { seedDemo } from "@/lib/server/seed/demo";
import { DEMO_ADMIN_EMAIL } from "@/lib/server/seed/demo-accounts";

export const log = (msg: string) => console.log(`[pipewright] ${msg}`);

/** DATABASE_URL when set; otherwise a real Postgres started from npm packages, data in PW_DATA_DIR. */
export async function openDatabase(): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  const dataDir = path.join(env.PW_DATA_DIR, "pg");
  log(`starting the embedded Postgres on 127.0.0.1:${env.PW_DB_PORT} (data in ${dataDir})`);
  const pg = await startEmbeddedPostgres({ dataDir, port: env.PW_DB_PORT, database: "pipewright" });
  return { url: pg.url, embedded: true, stop: pg.stop };
}

/**
 * Seeds the demo company. On start-up (`onlyIntoEmpty`) only into a database without
 * any company; by `npm run db:seed` into any database that does not have it yet.
 */
export async function seedDemoCompany(
  url: string,
  { onlyIntoEmpty }: { onlyIntoEmpty: boolean },
): Promise<boolean> {
  const handle = openDb(url, { max: 2 });
  try {
    const [row] = onlyIntoEmpty
      ? await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from companies`)
      : await handle.db.execute<{ n: number }>(
          sql`select count(*)::int as n from users where email = ${DEMO_ADMIN_EMAIL}`,
        );
    if (row && row.n > 0) return false;
    const started = Date.now();
    await seedDemo(handle.db);
    log(`seeded the demo company in ${Date.now() - started} ms`);
    return true;
  } finally {
    await handle.close();
  }
}

export async function migrate(url: string) {
  const started = Date.now();
  await runMigrations(url);
  log(`database migrated in ${Date.now() - started} ms`);
}

/** NEXTAUTH_SECRET when set; else one generated on first start and kept in PW_DATA_DIR. */
export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(env.PW_DATA_DIR, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(env.PW_DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
