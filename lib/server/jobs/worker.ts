import { run, type Runner } from "graphile-worker";
import type { Db } from "@/lib/server/db/client";
import { IMPORT_TASK, resumeStalledImports, type ImportJob } from "./imports";
import { MIGRATION_TASK, resumeStalledMigrations, type MigrationJob } from "./migrations";
import { runMigration, type RunOptions as MigrationRunOptions } from "@/lib/server/migrations/run";
import { runImport } from "@/lib/server/imports/run-import";
import { jobLogger } from "./queue";
import { TIME_LIMIT_TASK, type TimeLimitJob } from "./schedule";
import { runTimeLimit } from "./time-limits";
import { runWebhookJob, type DeliveryOptions } from "@/lib/server/webhooks/deliver";
import { WEBHOOK_TASK, type WebhookJob } from "@/lib/server/webhooks/outbox";

/**
 * Starts a job worker: claims due jobs with FOR UPDATE SKIP LOCKED, so any number of
 * workers can run against one database. Stop it with `runner.stop()`.
 */
export async function startWorker(options: {
  connectionString: string;
  db: Db;
  concurrency?: number;
  pollInterval?: number;
  /** Webhook delivery settings (tests shorten the lease; defaults from lib/env.ts). */
  webhooks?: DeliveryOptions;
  /** Migration batch size and hook (tests stop a worker half way through a batch). */
  migrations?: Pick<MigrationRunOptions, "batchSize" | "beforeCommit">;
}): Promise<Runner> {
  // Imports whose worker died mid-way get a job again; they continue at their cursor.
  await resumeStalledImports(options.db).catch((e) => console.error("[jobs] resuming imports failed:", e));
  // So do version migrations: they continue after their cursor.
  await resumeStalledMigrations(options.db).catch((e) =>
    console.error("[jobs] resuming migrations failed:", e),
  );
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    pollInterval: options.pollInterval ?? 1000,
    noHandleSignals: true,
    logger: jobLogger,
    taskList: {
      [TIME_LIMIT_TASK]: async (payload) => {
        await runTimeLimit(options.db, payload as TimeLimitJob);
      },
      [WEBHOOK_TASK]: async (payload) => {
        await runWebhookJob(options.db, payload as WebhookJob, options.webhooks);
      },
      [IMPORT_TASK]: async (payload, helpers) => {
        await runImport(options.db, payload as ImportJob, { signal: helpers.abortSignal });
      },
      [MIGRATION_TASK]: async (payload, helpers) => {
        await runMigration(options.db, payload as MigrationJob, {
          ...options.migrations,
          signal: helpers.abortSignal,
        });
      },
    },
  });
}
