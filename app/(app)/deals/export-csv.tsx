"use client";

import { useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, Loader2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Papa from "papaparse";
import { saveFile } from "../_components/download-file";
import { useState } from "react";
import { toast } from "sonner";
import { localized, localName } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { listInput, type DealFilters, type Sort } from "./deal-filters";
import type { ColumnId } from "./deal-views";
import type { GridRow, OptionLabels } from "./deals-grid";

const MAX_ROWS = 10_000;
const PAGE = 200;

/**
 * Downloads the current view as a CSV Excel opens in Chinese too: its columns in their order,
 * every page of its filters and sort, as the server lets the member see them.
 */
export function ExportCsvButton({
  filters,
  sort,
  columns,
  options,
}: {
  filters: DealFilters;
  sort: Sort;
  columns: ColumnId[];
  options: OptionLabels;
}) {
  const t = useTranslations("deals");
  const tv = useTranslations("versions");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [running, setRunning] = useState(false);

  const cell = (d: GridRow, c: ColumnId): string | number => {
    const option = (field: string, v: string | null) => {
      const label = v ? options.get(field)?.get(v) : undefined;
      return label ? localized(label, locale) : (v ?? "");
    };
    switch (c) {
      case "title":
        return d.title;
      case "account":
        return d.account;
      case "contact":
        return d.contact ?? "";
      case "stage":
        return (
          (d.stageName ? localized(d.stageName, locale) : d.stage) + (d.overdue ? ` (${t("overdue")})` : "")
        );
      case "version":
        return d.versionStatus === "pilot"
          ? tv("badge.pilot", { number: d.versionNumber })
          : tv("badge.plain", { number: d.versionNumber });
      case "amount":
        return d.amount === null ? "" : d.amount;
      case "priority":
        return d.priority ?? "";
      case "owner":
        return d.ownerName ?? "";
      case "team":
        return d.teamName ? localName({ name: d.teamName, nameEn: d.teamNameEn }, locale) : "";
      case "industry":
      case "region":
      case "source":
        return option(c, d[c]);
      case "expectedClose":
        return d.expectedClose ?? "";
      case "updated":
        return new Date(d.updatedAt).toISOString();
      case "created":
        return new Date(d.createdAt).toISOString();
    }
  };

  async function run() {
    setRunning(true);
    try {
      const input = { ...listInput(filters), sort };
      type Page = Awaited<ReturnType<typeof fetchPage>>;
      const fetchPage = (cursor: { v: string | null; id: string } | null) =>
        queryClient.fetchQuery({
          ...trpc.deals.list.queryOptions({ ...input, limit: PAGE, cursor }),
          staleTime: 0,
        });
      const rows: Page["items"] = [];
      let cursor: Page["nextCursor"] = null;
      let capped = false;
      do {
        const page: Page = await fetchPage(cursor);
        rows.push(...page.items);
        cursor = page.nextCursor;
        if (rows.length >= MAX_ROWS) {
          capped = rows.length > MAX_ROWS || cursor !== null;
          break;
        }
      } while (cursor);
      // The amount column carries its currency in the next column, as spreadsheets want numbers.
      const fields = columns.flatMap((c) =>
        c === "amount" ? [t("col.amount"), t("csv.currency")] : [t(`col.${c}`)],
      );
      const data = rows
        .slice(0, MAX_ROWS)
        .map((d) => columns.flatMap((c) => (c === "amount" ? [cell(d, c), d.currency] : [cell(d, c)])));
      const csv = Papa.unparse({ fields, data });
      const today = new Date();
      const pad = (n: number) => String(n).padStart(2, "0");
      saveFile(
        new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }),
        `deals-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.csv`,
      );
      if (capped) toast.warning(t("export.capped", { max: MAX_ROWS }));
      else toast.success(t("export.done", { count: data.length }));
    } catch (e) {
      toast.error(t("export.failed"), { description: errorMessage(e) });
    } finally {
      setRunning(false);
    }
  }

  return (
    <Button variant="outline" onClick={() => void run()} disabled={running} data-testid="export-csv">
      {running ? <Loader2Icon className="animate-spin" /> : <DownloadIcon />}
      <span className="hidden sm:inline">{running ? t("export.running") : t("export.button")}</span>
    </Button>
  );
}
