"use client";

import { DownloadIcon, FileJsonIcon, FileSpreadsheetIcon, Loader2Icon, SheetIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/lib/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { downloadFile } from "../_components/download-file";

/** A pipeline's definition to download: JSON (re-usable), XLSX or CSV tables (to read). */
export function PipelineExportMenu({ pipelineId }: { pipelineId: string }) {
  const t = useTranslations("imports.pipelineExport");
  const [busy, setBusy] = useState(false);
  async function run(format: "json" | "xlsx" | "csv") {
    setBusy(true);
    try {
      await downloadFile(`/api/exports/pipelines/${pipelineId}?format=${format}`, `pipeline.${format}`);
    } catch (e) {
      toast.error(t("failed"), { description: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" disabled={busy} data-testid="pipeline-export">
          {busy ? <Loader2Icon className="animate-spin" /> : <DownloadIcon />}
          {t("label")}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => void run("xlsx")}>
          <FileSpreadsheetIcon />
          {t("xlsx")}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void run("csv")}>
          <SheetIcon />
          {t("csv")}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void run("json")}>
          <FileJsonIcon />
          {t("json")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
