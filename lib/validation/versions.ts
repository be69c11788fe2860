import { z } from "zod";
import { RolloutMigration } from "./migrations";
import { Id } from "./users";

const Note = z.string().trim().min(1, { error: "required" }).max(1000, { error: "tooLong" });

export const VersionsPipelineInput = z.object({ pipelineId: Id });
export const VersionInput = z.object({ versionId: Id });

/** The window is checked by the domain code (a past start becomes now; the end must follow it). */
export const StartPilotInput = z.object({
  versionId: Id,
  /** The draft's revision the trainer saw; required to pilot a draft. */
  expectedRevision: z.number().int().min(1).optional(),
  teamIds: z.array(Id).min(1, { error: "required" }).max(100),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  note: Note,
});

export const EndPilotInput = z.object({
  pilotId: Id,
  note: z.string().trim().max(1000, { error: "tooLong" }).optional(),
});

export const VersionNoteInput = z.object({ versionId: Id, note: Note });

/** Rollout, optionally migrating the retired version's open deals with the confirmed stage mapping. */
export const PromoteInput = VersionNoteInput.extend({ migrate: RolloutMigration.optional() });
