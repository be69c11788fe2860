import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { diffDefinitions } from "@/workflows/definition/diff";
import { PipelineDefinition } from "@/workflows/definition/schema";
import { diffMarks, mergeForCompare } from "./_editor/compare";
import { PipelineEditor, type EditorVersion } from "./_editor/editor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("editor"))("pageTitle") };
}

const EDITORS = new Set(["admin", "trainer"]);

/**
 * The process editor. Without `?version=` it opens the pipeline's draft (creating one from the
 * published version when there is none); `?version=<id>` shows that version read-only, and
 * `&compare=<id>` colours what changed since the other version.
 */
export default async function EditPipelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string; compare?: string }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const api = await serverApi();
  const me = await api.me.get();
  if (!EDITORS.has(me.activeCompany?.role ?? "")) notFound();
  const pipeline = await api.editor.pipeline({ pipelineId: id }).catch(() => null);
  if (!pipeline) notFound();
  const versionId = query.version ?? (await api.editor.openDraft({ pipelineId: id })).versionId;
  const [raw, directory, against] = await Promise.all([
    api.editor.version({ versionId }).catch(() => null),
    api.editor.directory(),
    query.compare ? api.editor.version({ versionId: query.compare }).catch(() => null) : null,
  ]);
  if (!raw || raw.pipelineId !== id) notFound();
  const toEditor = (v: NonNullable<typeof raw>): EditorVersion => ({
    id: v.id,
    number: v.number,
    status: v.status,
    revision: v.revision,
    // Stored definitions were validated when saved; parsing fills in the format's defaults.
    definition: PipelineDefinition.safeParse(v.definition).data ?? (v.definition as PipelineDefinition),
  });
  const version = toEditor(raw);
  let compare;
  if (against && against.pipelineId === id) {
    const before = toEditor(against);
    const diff = diffDefinitions(before.definition, version.definition);
    compare = {
      against: before,
      marks: diffMarks(diff),
      definition: mergeForCompare(before.definition, version.definition, diff),
      diff,
    };
  }
  // A fresh pipeline (versions newest first) in the editor's own list shape.
  const refreshed = query.version ? pipeline : await api.editor.pipeline({ pipelineId: id });
  return (
    <PipelineEditor
      key={`${version.id}:${compare?.against.id ?? ""}`}
      pipeline={{ id: refreshed.id, key: refreshed.key, name: refreshed.name, versions: refreshed.versions }}
      version={version}
      directory={directory}
      readOnly={version.status !== "draft" || !!compare}
      compare={compare}
    />
  );
}
