import { z } from "zod";
import { FieldDef } from "@/workflows/definition/schema";
import { TEMPLATE_KEYS } from "@/workflows/templates";
import { Id } from "./users";

const Text = z.string().trim().min(1, { error: "required" }).max(80, { error: "tooLong" });

/** A pipeline's name in both languages. */
export const PipelineNameInput = z.object({ zh: Text, en: Text });

export const CreatePipelineInput = z.object({ name: PipelineNameInput, template: z.enum(TEMPLATE_KEYS) });
export const DuplicatePipelineInput = z.object({ pipelineId: Id, name: PipelineNameInput });
export const PipelineIdInput = z.object({ pipelineId: Id });
export const VersionIdInput = z.object({ versionId: Id });

const Revision = z.number().int().min(1);

/** The definition is checked by the domain code, which lists every problem in the user's language. */
export const SaveDraftInput = z.object({
  versionId: Id,
  expectedRevision: Revision,
  definition: z.unknown(),
});

export const PublishInput = z.object({
  versionId: Id,
  expectedRevision: Revision,
  changeNote: z.string().trim().min(1, { error: "required" }).max(1000, { error: "tooLong" }),
});

export const FieldFitInput = z.object({ pipelineId: Id, field: FieldDef });
