import type { Metadata } from "next";
import { ChevronRightIcon } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { PageHeader } from "@/lib/ui/page-header";
import { cn } from "@/lib/ui/cn";
import { NewPipelineButton, PipelineCardActions } from "./pipeline-actions";
import { PipelineExportMenu } from "./pipeline-export-menu";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("pipelines") };
}

export default async function PipelinesPage() {
  const t = await getTranslations("pipelines");
  const locale = await getLocale();
  const format = await getFormatter();
  const api = await serverApi();
  const [pipelines, me] = await Promise.all([api.pipelines.list(), api.me.get()]);
  // Admins and trainers draw processes; managers and reps see them read-only.
  const canEdit = me.activeCompany?.role === "admin" || me.activeCompany?.role === "trainer";
  const templates = canEdit ? await api.editor.templates() : [];
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={canEdit ? <NewPipelineButton templates={templates} /> : undefined}
      />
      {pipelines.length === 0 ? (
        <Card>
          <CardContent className="p-10 text-center text-sm text-muted-foreground">{t("empty")}</CardContent>
        </Card>
      ) : null}
      <div className="grid gap-6">
        {pipelines.map((p) => (
          <Card key={p.id} data-testid="pipeline-card">
            <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
              <div>
                <CardTitle className="flex items-center gap-2">
                  {localized(p.name, locale)}
                  {p.isDefault ? <Badge variant="secondary">{t("default")}</Badge> : null}
                </CardTitle>
                <CardDescription className="mt-1">
                  {p.published
                    ? t("publishedVersion", {
                        number: p.published.number,
                        date: p.published.publishedAt
                          ? format.dateTime(p.published.publishedAt, { dateStyle: "medium" })
                          : "—",
                      })
                    : t("noPublished")}
                  {" · "}
                  {t("fieldCount", { count: p.fieldCount })}
                </CardDescription>
              </div>
              {canEdit ? (
                <div className="flex flex-wrap items-center gap-2">
                  <PipelineExportMenu pipelineId={p.id} />
                  <PipelineCardActions pipelineId={p.id} name={p.name} />
                </div>
              ) : null}
            </CardHeader>
            <CardContent>
              <ol className="flex flex-wrap items-stretch gap-y-3">
                {p.stages.map((s, i) => (
                  <li key={s.key} className="flex items-center">
                    <div
                      className={cn(
                        "min-w-28 rounded-lg border px-3 py-2",
                        s.outcome === "won" && "border-success/40 bg-success/8",
                        s.outcome === "lost" && "border-muted-foreground/20 bg-muted",
                      )}
                    >
                      <div className="text-sm font-medium">{localized(s.name, locale)}</div>
                      <div className="mt-0.5 flex gap-3 text-xs text-muted-foreground">
                        <span>{t("probability", { value: s.probability })}</span>
                        <span className="tabular-nums">{t("deals", { count: s.dealCount })}</span>
                      </div>
                    </div>
                    {i < p.stages.length - 1 ? (
                      <ChevronRightIcon className="mx-1 size-4 text-muted-foreground" />
                    ) : null}
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
        ))}
      </div>
    </>
  );
}
