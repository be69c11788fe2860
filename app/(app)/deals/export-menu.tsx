"use client";

import { ChevronDownIcon, FileSpreadsheetIcon, HistoryIcon, Loader2Icon, SheetIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/lib/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { downloadFile } from "../_components/download-file";
import { listInput, type DealFilters } from "./deal-filters";

type Kind = "xlsx" | "csv" | "history";

/**
 * Beside the view's CSV: the server's exports of the same deals (the list's filters, what the
 * member may see) with every field, custom ones included, and their histories.
 */
export function ExportMenu({ filters }: { filters: DealFilters }) {
  const t = useTranslations("imports.exportMenu");
  const [busy, setBusy] = useState<Kind | null>(null);

  async function run(kind: Kind) {
    setBusy(kind);
    const params = new URLSearchParams({
      format: kind === "xlsx" ? "xlsx" : "csv",
      what: kind === "history" ? "history" : "deals",
      filters: JSON.stringify(listInput(filters)),
    });
    try {
      const name = await downloadFile(
        `/api/exports/deals?${params}`,
        `deals.${kind === "xlsx" ? "xlsx" : "csv"}`,
      );
      toast.success(t("done", { name }));
    } catch (e) {
      toast.error(t("failed"), { description: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="icon"
          aria-label={t("label")}
          data-testid="export-menu"
          disabled={busy !== null}
        >
          {busy ? <Loader2Icon className="animate-spin" /> : <ChevronDownIcon />}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        <DropdownMenuLabel>{t("heading")}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => void run("xlsx")} data-testid="export-xlsx">
          <FileSpreadsheetIcon />
          <span className="grid">
            <span>{t("xlsx")}</span>
            <span className="text-xs text-muted-foreground">{t("xlsxHint")}</span>
          </span>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void run("csv")} data-testid="export-all-csv">
          <SheetIcon />
          <span className="grid">
            <span>{t("csv")}</span>
            <span className="text-xs text-muted-foreground">{t("csvHint")}</span>
          </span>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void run("history")} data-testid="export-history">
          <HistoryIcon />
          <span className="grid">
            <span>{t("history")}</span>
            <span className="text-xs text-muted-foreground">{t("historyHint")}</span>
          </span>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
