import { directory } from "@/lib/server/pipelines/editor/directory";
import { getVersion, publish, saveDraft } from "@/lib/server/pipelines/editor/drafts";
import { fieldFit } from "@/lib/server/pipelines/editor/field-fit";
import {
  createPipeline,
  discardDraft,
  duplicatePipeline,
  getPipeline,
  openDraft,
} from "@/lib/server/pipelines/editor/pipelines";
import { listTemplates } from "@/lib/server/pipelines/editor/templates";
import {
  CreatePipelineInput,
  DuplicatePipelineInput,
  FieldFitInput,
  PipelineIdInput,
  PublishInput,
  SaveDraftInput,
  VersionIdInput,
} from "@/lib/validation/editor";
import { createTRPCRouter, trainerProcedure } from "../trpc";

/** The process editor: pipelines, their drafts and versions (admins and trainers). */
export const editorRouter = createTRPCRouter({
  templates: trainerProcedure.query(() => listTemplates()),
  createPipeline: trainerProcedure
    .input(CreatePipelineInput)
    .mutation(({ ctx, input }) => createPipeline(ctx.db, ctx.company.id, ctx.userId, input)),
  duplicatePipeline: trainerProcedure
    .input(DuplicatePipelineInput)
    .mutation(({ ctx, input }) => duplicatePipeline(ctx.db, ctx.company.id, ctx.userId, input)),
  pipeline: trainerProcedure
    .input(PipelineIdInput)
    .query(({ ctx, input }) => getPipeline(ctx.db, ctx.company.id, input.pipelineId)),
  version: trainerProcedure
    .input(VersionIdInput)
    .query(({ ctx, input }) => getVersion(ctx.db, ctx.company.id, input.versionId)),
  openDraft: trainerProcedure
    .input(PipelineIdInput)
    .mutation(({ ctx, input }) => openDraft(ctx.db, ctx.company.id, ctx.userId, input.pipelineId)),
  saveDraft: trainerProcedure
    .input(SaveDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.company.id, ctx.userId, input)),
  publish: trainerProcedure
    .input(PublishInput)
    .mutation(({ ctx, input }) => publish(ctx.db, ctx.company.id, ctx.userId, input)),
  discardDraft: trainerProcedure
    .input(VersionIdInput)
    .mutation(({ ctx, input }) => discardDraft(ctx.db, ctx.company.id, ctx.userId, input.versionId)),
  fieldFit: trainerProcedure
    .input(FieldFitInput)
    .query(({ ctx, input }) => fieldFit(ctx.db, ctx.company.id, input.pipelineId, input.field)),
  directory: trainerProcedure.query(({ ctx }) => directory(ctx.db, ctx.company.id)),
});
