import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/server/db/embedded";
import { runMigrations } from "@/lib/server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server URL without a database name; each test file creates its own database. */
    pgServerUrl: string;
    /** The migrated database each test file's database is copied from. */
    pgTemplate: string;
    /** Prefix of the per-file databases, so teardown can drop them all. */
    pgClonePrefix: string;
  }
}

const TEMPLATE = `pw_template_${process.pid}`;

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts the Postgres the integration tests use: TEST_DATABASE_URL's server when set,
 * else an embedded one in a temporary folder. Migrates one template database that
 * every test file clones, so files run in parallel on databases of their own.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDb | undefined;
  let dataDir: string | undefined;
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
    console.log(`integration tests on TEST_DATABASE_URL (${new URL(serverUrl).host})`);
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "pw-test-pg-"));
    const port = 55000 + (process.pid % 5000);
    embedded = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
    serverUrl = embedded.url;
    console.log(`integration tests on an embedded Postgres (127.0.0.1:${port})`);
  }

  const admin = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE}" with (force)`);
  await admin.unsafe(`create database "${TEMPLATE}"`);
  await runMigrations(withDatabase(serverUrl, TEMPLATE));

  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplate", TEMPLATE);
  project.provide("pgClonePrefix", `pw_t_${process.pid}_`);

  return async () => {
    // Drop what this run created (clones are named after the template).
    const dbs = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`pw_t_${process.pid}_%`} or datname = ${TEMPLATE}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
    if (embedded) await embedded.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
