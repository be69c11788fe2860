/**
 * `npm run dev` / `npm start`: brings up the database (embedded unless DATABASE_URL
 * is set), applies migrations, seeds the demo company into an empty database, then
 * runs Next.js, and stops the database cleanly when Next.js exits.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { env } from "@/lib/env";
import { openDb } from "@/lib/server/db/client";
import { startWorker } from "@/lib/server/jobs/worker";
import { authSecret, log, migrate, openDatabase, seedDemoCompany } from "./database";

const mode = process.argv[2] === "start" ? "start" : "dev";

if (mode === "start" && !existsSync(".next/BUILD_ID")) {
  console.error("[pipewright] no production build found: run `npm run build` first (or `npm run dev`).");
  process.exit(1);
}

const db = await openDatabase();
let stopping = false;
let stopWorker: () => Promise<void> = async () => {};
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopWorker().catch((e) => console.error("[pipewright] stopping the job worker failed:", e));
  await db.stop().catch((e) => console.error("[pipewright] stopping the database failed:", e));
  process.exit(code);
}

try {
  await migrate(db.url);
  if (env.PW_SEED_DEMO) await seedDemoCompany(db.url, { onlyIntoEmpty: true });
} catch (e) {
  console.error("[pipewright] could not prepare the database:", e instanceof Error ? e.message : e);
  await shutdown(1);
}

// Time limits and other jobs run here, beside the web server; more workers may run elsewhere.
const jobsDb = openDb(db.url, { max: 4 });
const worker = await startWorker({ connectionString: db.url, db: jobsDb.db });
stopWorker = async () => {
  await worker.stop();
  await jobsDb.close();
};
log("job worker started");

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
log(`${mode === "dev" ? "development" : "production"} server on ${url}`);
const child = spawn(process.execPath, [nextBin, mode, "-p", String(env.PORT)], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: db.url, NEXTAUTH_SECRET: authSecret(), NEXTAUTH_URL: url },
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
child.on("exit", (code) => void shutdown(code ?? 0));
