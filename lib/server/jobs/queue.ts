import { Logger, runMigrations } from "graphile-worker";

/** graphile-worker logs every job at info; keep warnings and errors. */
export const jobLogger = new Logger(() => (level: string, message: string) => {
  if (level === "error" || level === "warning") console.error(`[jobs] ${message}`);
});

/** Creates graphile-worker's own tables (schema graphile_worker); safe to run at every start. */
export async function migrateJobQueue(connectionString: string) {
  await runMigrations({ connectionString, logger: jobLogger });
}
