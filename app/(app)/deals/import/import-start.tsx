"use client";

import { useQuery } from "@tanstack/react-query";
import { FileSpreadsheetIcon, Loader2Icon, UploadIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { Field } from "@/lib/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";

const MAX_MB = 50;

/** Step 0: the pipeline to import into and the file, dropped or chosen. */
export function ImportStart() {
  const t = useTranslations("imports.start");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const pipelines = useQuery(trpc.pipelines.list.queryOptions());
  const runnable = (pipelines.data ?? []).filter((p) => p.published);
  const [pipelineId, setPipelineId] = useState<string>("");
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const chosenPipeline = pipelineId || runnable.find((p) => p.isDefault)?.id || runnable[0]?.id || "";

  function choose(f: File | undefined) {
    setError(undefined);
    if (!f) return;
    if (f.size > MAX_MB * 1024 * 1024) return setError(t("tooLarge", { max: MAX_MB }));
    setFile(f);
  }

  async function upload() {
    if (!file || !chosenPipeline) return;
    setUploading(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.set("file", file);
      form.set("pipelineId", chosenPipeline);
      const res = await fetch("/api/imports", { method: "POST", body: form });
      const body = (await res.json().catch(() => ({}))) as { importId?: string; message?: string };
      if (!res.ok || !body.importId) throw new Error(body.message ?? t("failed"));
      router.push(`/deals/import/${body.importId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setUploading(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Field id="import-pipeline" label={t("pipeline")} hint={t("pipelineHint")}>
          <Select value={chosenPipeline} onValueChange={setPipelineId}>
            <SelectTrigger id="import-pipeline" className="w-full sm:w-80" data-testid="import-pipeline">
              <SelectValue placeholder={t("pipelinePlaceholder")} />
            </SelectTrigger>
            <SelectContent>
              {runnable.map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {localized(p.name, locale)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        <div
          role="button"
          tabIndex={0}
          data-testid="import-drop"
          onClick={() => input.current?.click()}
          onKeyDown={(e) => (e.key === "Enter" || e.key === " " ? input.current?.click() : null)}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files[0]);
          }}
          className={cn(
            "flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
            dragging ? "border-primary bg-primary/5" : "border-border hover:bg-muted/50",
          )}
        >
          {file ? (
            <>
              <FileSpreadsheetIcon className="size-8 text-primary" />
              <p className="font-medium break-all" data-testid="import-file-name">
                {file.name}
              </p>
              <p className="text-xs text-muted-foreground">
                {t("fileSize", { size: (file.size / 1024).toFixed(file.size < 10_240 ? 1 : 0) })} ·{" "}
                {t("chooseAnother")}
              </p>
            </>
          ) : (
            <>
              <UploadIcon className="size-8 text-muted-foreground" />
              <p className="font-medium">{t("drop")}</p>
              <p className="text-xs text-muted-foreground">{t("formats", { max: MAX_MB })}</p>
            </>
          )}
          <input
            ref={input}
            type="file"
            className="sr-only"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => choose(e.target.files?.[0])}
          />
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive" data-testid="import-upload-error">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-xs text-muted-foreground">{t("encodings")}</p>
          <Button
            onClick={() => void upload()}
            disabled={!file || !chosenPipeline || uploading}
            data-testid="import-upload"
          >
            {uploading ? <Loader2Icon className="animate-spin" /> : <UploadIcon />}
            {uploading ? t("uploading") : t("upload")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
