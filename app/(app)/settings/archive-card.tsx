"use client";

import { ArchiveRestoreIcon, DownloadIcon, Loader2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { downloadFile } from "../_components/download-file";

type Restored = { people: number; tables: Record<string, number> };

/** Settings → Data (admins): download the company as a JSON archive, or restore one into an empty company. */
export function ArchiveCard() {
  const t = useTranslations("imports.archive");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [downloading, setDownloading] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string>();
  const [restored, setRestored] = useState<Restored | null>(null);

  async function download() {
    setDownloading(true);
    try {
      await downloadFile("/api/archive", "pipewright-archive.json");
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e));
    } finally {
      setDownloading(false);
    }
  }

  async function restore() {
    if (!file) return;
    setRestoring(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.set("file", file);
      const res = await fetch("/api/archive", { method: "POST", body: form });
      const body = (await res.json().catch(() => ({}))) as Restored & { message?: string };
      if (!res.ok) throw new Error(body.message ?? res.statusText);
      setRestored(body);
      setFile(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRestoring(false);
    }
  }

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="grid content-start gap-3">
        <h4 className="text-sm font-medium">{t("exportTitle")}</h4>
        <p className="text-sm text-muted-foreground">{t("exportHint")}</p>
        <div>
          <Button
            variant="outline"
            onClick={() => void download()}
            disabled={downloading}
            data-testid="archive-download"
          >
            {downloading ? <Loader2Icon className="animate-spin" /> : <DownloadIcon />}
            {t("download")}
          </Button>
        </div>
      </div>
      <div className="grid content-start gap-3">
        <h4 className="text-sm font-medium">{t("restoreTitle")}</h4>
        <p className="text-sm text-muted-foreground">{t("restoreHint")}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="outline" onClick={() => input.current?.click()} data-testid="archive-choose">
            <ArchiveRestoreIcon />
            {file ? file.name : t("choose")}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            data-testid="archive-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(undefined);
            }}
          />
          <Button onClick={() => void restore()} disabled={!file || restoring} data-testid="archive-restore">
            {restoring ? <Loader2Icon className="animate-spin" /> : null}
            {t("restore")}
          </Button>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive" data-testid="archive-error">
            {error}
          </p>
        ) : null}
      </div>
      <Dialog open={restored !== null} onOpenChange={(open) => (open ? null : setRestored(null))}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("restoredTitle")}</DialogTitle>
            <DialogDescription>
              {restored
                ? t("restoredHint", {
                    people: format.number(restored.people),
                    pipelines: format.number(restored.tables.pipelines ?? 0),
                    deals: format.number(restored.tables.deals ?? 0),
                    events: format.number(restored.tables.deal_events ?? 0),
                  })
                : null}
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <DialogClose asChild>
              <Button>{tc("done")}</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
