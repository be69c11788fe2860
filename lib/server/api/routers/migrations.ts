import { migrationDryRun, migrationPlan } from "@/lib/server/migrations/plan";
import {
  cancelMigration,
  getMigration,
  listMigrations,
  resumeMigration,
} from "@/lib/server/migrations/records";
import { rollbackMigration } from "@/lib/server/migrations/rollback";
import { startMigration } from "@/lib/server/migrations/start";
import {
  MigrationDryRunInput,
  MigrationInput,
  MigrationPairInput,
  MigrationsPipelineInput,
  RollbackMigrationInput,
  StartMigrationInput,
} from "@/lib/validation/migrations";
import { createTRPCRouter, trainerProcedure } from "../trpc";

/**
 * Version migrations (版本迁移): open deals of one version moved to another with a stage mapping,
 * as a background job; rolled back while none of them has moved since. Admins and trainers.
 */
export const migrationsRouter = createTRPCRouter({
  /** Both versions' states, open deals per old state and a suggested target for each. */
  plan: trainerProcedure
    .input(MigrationPairInput)
    .query(({ ctx, input }) => migrationPlan(ctx.db, ctx.company.id, input)),
  /** What a mapping would do, writing nothing: moves per state and deals that would lack fields. */
  dryRun: trainerProcedure
    .input(MigrationDryRunInput)
    .query(({ ctx, input }) => migrationDryRun(ctx.db, ctx.company.id, input)),
  /** Starts a migration to the published version (the job moves the deals in batches). */
  start: trainerProcedure
    .input(StartMigrationInput)
    .mutation(({ ctx, input }) => startMigration(ctx.db, ctx.company.id, ctx.userId, input)),
  /** A pipeline's migrations with their progress. */
  list: trainerProcedure
    .input(MigrationsPipelineInput)
    .query(({ ctx, input }) => listMigrations(ctx.db, ctx.company.id, input.pipelineId)),
  /** One migration's progress (polled by the progress bar). */
  get: trainerProcedure
    .input(MigrationInput)
    .query(({ ctx, input }) => getMigration(ctx.db, ctx.company.id, input.migrationId)),
  /** Stops a running migration at its next batch. */
  cancel: trainerProcedure
    .input(MigrationInput)
    .mutation(({ ctx, input }) => cancelMigration(ctx.db, ctx.company.id, ctx.userId, input.migrationId)),
  /** Enqueues a stalled migration again. */
  resume: trainerProcedure
    .input(MigrationInput)
    .mutation(({ ctx, input }) => resumeMigration(ctx.db, ctx.company.id, input.migrationId)),
  /** Puts every deal the migration moved back, unless one has moved since. */
  rollback: trainerProcedure
    .input(RollbackMigrationInput)
    .mutation(({ ctx, input }) => rollbackMigration(ctx.db, ctx.company.id, ctx.userId, input)),
});
