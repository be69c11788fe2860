import { z } from "zod";
import { Id } from "./users";

const Note = z.string().trim().min(1, { error: "required" }).max(1000, { error: "tooLong" });
const StateKey = z.string().min(1).max(64);

/** Old state key → new state key. */
export const StageMapping = z.record(StateKey, StateKey).refine((m) => Object.keys(m).length <= 500, {
  error: "tooLong",
});

export const MigrationPairInput = z.object({ fromVersionId: Id, toVersionId: Id });
export const MigrationDryRunInput = MigrationPairInput.extend({ mapping: StageMapping });
export const StartMigrationInput = MigrationDryRunInput.extend({ note: Note });
export const MigrationInput = z.object({ migrationId: Id });
export const MigrationsPipelineInput = z.object({ pipelineId: Id });
export const RollbackMigrationInput = z.object({ migrationId: Id, note: Note });

/** The migration a rollout starts with it: the stage mapping the trainer confirmed. */
export const RolloutMigration = z.object({ mapping: StageMapping });
