"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowLeftIcon, DownloadIcon, Loader2Icon, PlayIcon, RefreshCwIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect } from "react";
import { toast } from "sonner";
import { toCsv } from "@/lib/import/csv";
import type { ImportMapping } from "@/lib/import/mapping";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { saveFile } from "../../../_components/download-file";
import { ErrorTable } from "./error-table";
import type { DryRun, Opened } from "./types";
import { useErrorText } from "./use-error-text";

function Stat({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: string;
  tone?: string;
  testId: string;
}) {
  return (
    <div className="rounded-lg border p-4">
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className={cn("mt-1 text-2xl font-semibold tabular-nums", tone)} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** Step 3: the dry run — what the import would create, update and refuse, writing nothing. */
export function CheckStep({
  opened,
  mapping,
  onBack,
  onStarted,
}: {
  opened: Opened;
  mapping: ImportMapping;
  onBack: () => void;
  onStarted: () => void;
}) {
  const t = useTranslations("imports.check");
  const tr = useTranslations("imports.report");
  const format = useFormatter();
  const text = useErrorText();
  const trpc = useTRPC();
  const importId = opened.import.id;
  const dry = useMutation(trpc.imports.dryRun.mutationOptions());
  const start = useMutation(trpc.imports.start.mutationOptions());

  const check = () => dry.mutate({ importId, mapping });
  useEffect(check, []); // eslint-disable-line react-hooks/exhaustive-deps -- one dry run when the step opens

  function download(result: DryRun) {
    const csv = toCsv(
      [tr("row"), tr("column"), tr("value"), tr("problem")],
      result.errors.map((e) => [e.row, e.header ?? "", e.value, text(e)]),
    );
    saveFile(
      new Blob([csv], { type: "text/csv;charset=utf-8" }),
      `${opened.import.fileName.replace(/\.[^.]+$/, "")}-check.csv`,
    );
  }

  async function run() {
    try {
      await start.mutateAsync({ importId, mapping });
      onStarted();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  const result = dry.data;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("hint")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          {dry.isPending ? (
            <div className="flex items-center gap-2 text-sm text-muted-foreground">
              <Loader2Icon className="size-4 animate-spin" />
              {t("running")}
            </div>
          ) : dry.error ? (
            <p role="alert" className="text-sm text-destructive">
              {errorMessage(dry.error)}
            </p>
          ) : result ? (
            <>
              <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="dry-run-summary">
                <Stat label={t("rows")} value={format.number(result.rows)} testId="dry-rows" />
                <Stat
                  label={t("creates")}
                  value={format.number(result.creates)}
                  tone="text-primary"
                  testId="dry-creates"
                />
                <Stat label={t("updates")} value={format.number(result.updates)} testId="dry-updates" />
                <Stat
                  label={t("failed")}
                  value={format.number(result.failed)}
                  tone={result.failed ? "text-destructive" : undefined}
                  testId="dry-failed"
                />
              </div>
              {result.failed ? (
                <div className="grid gap-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="text-sm">{t("failHint", { count: result.failed })}</p>
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => download(result)}
                      data-testid="dry-download"
                    >
                      <DownloadIcon />
                      {t("download")}
                    </Button>
                  </div>
                  <ErrorTable errors={result.errors} total={result.errorCount} />
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">{t("allGood")}</p>
              )}
            </>
          ) : null}
        </CardContent>
      </Card>
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="outline" onClick={onBack}>
          <ArrowLeftIcon />
          {t("back")}
        </Button>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={check} disabled={dry.isPending}>
            <RefreshCwIcon />
            {t("again")}
          </Button>
          <Button
            onClick={() => void run()}
            disabled={!result || result.creates + result.updates === 0 || start.isPending}
            data-testid="import-start"
          >
            {start.isPending ? <Loader2Icon className="animate-spin" /> : <PlayIcon />}
            {result ? t("start", { count: result.creates + result.updates }) : t("startPlain")}
          </Button>
        </div>
      </div>
    </div>
  );
}
