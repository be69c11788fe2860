import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/config";
import type { createCaller } from "@/lib/server/api/root";
import { appError } from "@/lib/server/errors";
import { PipelineDefinition } from "@/workflows/definition/schema";
import { pick } from "@/workflows/rules/format";
import { buildRulebook, type Rulebook } from "./rulebook";

/*
 * What the rulebook page and its PDF both show, loaded once through the signed-in member's
 * procedures: the editor's (admins and trainers, their own company's pipelines), so the page
 * and the download see exactly the same versions and refuse exactly the same people.
 */

type Caller = ReturnType<typeof createCaller>;
export type RulebookLang = "zh" | "en";

const parse = (definition: unknown) =>
  PipelineDefinition.safeParse(definition).data ?? (definition as PipelineDefinition);

/** `?lang=zh|en`, else the reader's language. */
export const rulebookLang = (query: string | null | undefined, uiLocale: string): RulebookLang =>
  query === "en" || query === "zh" ? query : uiLocale.startsWith("zh") ? "zh" : "en";

export type LoadedRulebook = {
  book: Rulebook;
  lang: RulebookLang;
  /** The company and pipeline in the document's language, and the version's number. */
  company: string;
  pipeline: string;
  number: number;
};

/** The rulebook of a version of a pipeline; NOT_FOUND when the version is not that pipeline's. */
export async function loadRulebook(
  api: Caller,
  input: { pipelineId: string; versionId: string; lang: RulebookLang },
): Promise<LoadedRulebook> {
  const { pipelineId, versionId, lang } = input;
  const [me, pipeline, version, directory] = await Promise.all([
    api.me.get(),
    api.editor.pipeline({ pipelineId }),
    api.editor.version({ versionId }),
    api.editor.directory(),
  ]);
  if (version.pipelineId !== pipelineId) throw appError("NOT_FOUND", "versionNotFound");
  const locale = lang === "en" ? "en" : "zh-CN";
  const row = pipeline.versions.find((v) => v.id === versionId)!;
  const before = pipeline.versions
    .filter((v) => v.number < version.number)
    .sort((a, b) => b.number - a.number)[0];
  const previous = before ? await api.editor.version({ versionId: before.id }).catch(() => null) : null;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: DEFAULT_TIME_ZONE }).format(
    row.publishedAt ?? row.updatedAt,
  );
  const book = buildRulebook({
    pipelineName: pipeline.name,
    version: { number: version.number, status: version.status, date, changeNote: row.changeNote },
    definition: parse(version.definition),
    previous: previous ? { number: previous.number, definition: parse(previous.definition) } : null,
    directory,
    locale,
  });
  const company = me.activeCompany;
  return {
    book,
    lang,
    company: (lang === "en" && company?.companyNameEn) || company?.companyName || "",
    pipeline: pick(pipeline.name, locale),
    number: version.number,
  };
}
