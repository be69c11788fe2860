import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { pipelines, pipelineVersions } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { stagesOf } from "@/lib/server/pipelines/list";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { exportFile, type ExportCell, type ExportFile, type ExportSheet } from "./workbook";

type Tr = ReturnType<typeof translator>;
const col = (tr: Tr, key: string) => tr(`exports.col.${key}` as never);

/** The definition's stages, fields, actions and named rules as four tables. */
function definitionSheets(def: PipelineDefinition, locale: Locale): ExportSheet[] {
  const tr = translator(locale);
  const nodeKey = new Map(def.nodes.map((n) => [n.id, n.data.key]));
  const head = (...keys: string[]) => keys.map((k) => ({ header: col(tr, k) }));
  const stages: ExportCell[][] = stagesOf(def).map((s) => {
    const node = def.nodes.find((n) => n.data.kind === "stage" && n.data.key === s.key)!.data;
    const stage = node.kind === "stage" ? node : null;
    return [
      s.key,
      s.name.zh,
      s.name.en,
      tr(`exports.outcome.${s.outcome}` as never),
      s.probability,
      stage?.requiredFields.join(", ") || null,
      stage?.timeLimit?.days ?? null,
    ];
  });
  const fields: ExportCell[][] = def.fields.map((f) => [
    f.key,
    f.name.zh,
    f.name.en,
    f.type,
    f.requiredAtCreation ? tr("exports.yes" as never) : null,
    f.options?.map((o) => `${o.value}=${o.label.zh}/${o.label.en}`).join("; ") || null,
  ]);
  const actions: ExportCell[][] = def.edges
    .filter((e) => e.action)
    .map((e) => [
      e.action!.key,
      e.action!.name.zh,
      e.action!.name.en,
      nodeKey.get(e.source) ?? e.source,
      nodeKey.get(e.target) ?? e.target,
      e.requiredFields?.join(", ") || null,
      e.condition ? tr("exports.yes" as never) : null,
    ]);
  const rules: ExportCell[][] = def.rules.map((r) => [
    r.key,
    r.name.zh,
    r.name.en,
    JSON.stringify(r.condition),
  ]);
  return [
    {
      name: tr("exports.sheet.stages" as never),
      columns: [
        ...head("key", "nameZh", "nameEn", "outcome", "probability", "requiredFields", "timeLimitDays"),
      ],
      rows: stages,
    },
    {
      name: tr("exports.sheet.fields" as never),
      columns: head("key", "nameZh", "nameEn", "fieldType", "requiredAtCreation", "options"),
      rows: fields,
    },
    {
      name: tr("exports.sheet.actions" as never),
      columns: head("key", "nameZh", "nameEn", "fromStage", "toStage", "requiredFields", "hasCondition"),
      rows: actions,
    },
    {
      name: tr("exports.sheet.rules" as never),
      columns: head("key", "nameZh", "nameEn", "condition"),
      rows: rules,
    },
  ];
}

/**
 * A pipeline's published (else latest) definition: as JSON (the definition itself, what the
 * editor and `npm run pipeline` read), or as tables: XLSX with a sheet each for stages, fields,
 * actions and rules, CSV with them one after another under a section column.
 */
export async function exportPipeline(
  db: Db,
  company: CompanyScope,
  input: { pipelineId: string; format: "csv" | "xlsx" | "json"; locale: Locale },
): Promise<ExportFile> {
  const [pipeline] = await db
    .select({ key: pipelines.key })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, company.id), eq(pipelines.id, input.pipelineId)));
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  const versions = await db
    .select({
      status: pipelineVersions.status,
      number: pipelineVersions.number,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(
      and(
        eq(pipelineVersions.companyId, company.id),
        eq(pipelineVersions.pipelineId, input.pipelineId),
        inArray(pipelineVersions.status, ["published", "pilot", "draft", "retired"]),
      ),
    )
    .orderBy(desc(pipelineVersions.number));
  const version = versions.find((v) => v.status === "published") ?? versions[0];
  if (!version) throw appError("NOT_FOUND", "versionNotFound");
  const base = `pipeline-${pipeline.key}-v${version.number}`;
  if (input.format === "json") {
    return {
      fileName: `${base}.json`,
      contentType: "application/json; charset=utf-8",
      encoding: "utf8",
      body: JSON.stringify(version.definition, null, 2) + "\n",
    };
  }
  const sheets = definitionSheets(version.definition, input.locale);
  if (input.format === "xlsx") return exportFile(base, "xlsx", sheets);
  const tr = translator(input.locale);
  const width = Math.max(...sheets.map((s) => s.columns.length));
  const section = { header: tr("exports.col.section" as never) };
  const rows: ExportCell[][] = sheets.flatMap((s) => [
    [s.name, ...s.columns.map((c) => c.header), ...Array(width - s.columns.length).fill(null)],
    ...s.rows.map((r) => [s.name, ...r, ...Array(width - r.length).fill(null)]),
  ]);
  const columns = [section, ...Array.from({ length: width }, (_, i) => ({ header: String(i + 1) }))];
  return exportFile(base, "csv", [{ name: base, columns, rows }]);
}
