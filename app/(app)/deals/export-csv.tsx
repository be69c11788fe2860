"use client";

import { useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, Loader2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import Papa from "papaparse";
import { useState } from "react";
import { toast } from "sonner";
import { localized, localName } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { listInput, parseFilters } from "./deal-filters";

const MAX_ROWS = 10_000;
const PAGE = 200;

/** Downloads the deals of the current filtered view, every page of it, as a CSV Excel opens in Chinese too. */
export function ExportCsvButton() {
  const t = useTranslations("board");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const [running, setRunning] = useState(false);

  async function run() {
    setRunning(true);
    try {
      const input = listInput(parseFilters(new URLSearchParams(params.toString())));
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
      const data = rows
        .slice(0, MAX_ROWS)
        .map((d) => [
          d.title,
          d.account,
          d.stageName ? localized(d.stageName, locale) : d.stage,
          d.amount,
          d.currency,
          d.priority ?? "",
          d.ownerName ?? "",
          d.teamName ? localName({ name: d.teamName, nameEn: d.teamNameEn }, locale) : "",
          d.overdue ? t("csv.yes") : t("csv.no"),
          new Date(d.stageEnteredAt).toISOString(),
          new Date(d.updatedAt).toISOString(),
        ]);
      const fields = [
        "title",
        "account",
        "stage",
        "amount",
        "currency",
        "priority",
        "owner",
        "team",
        "overdue",
        "stageEnteredAt",
        "updated",
      ] as const;
      const csv = Papa.unparse({ fields: fields.map((f) => t(`csv.${f}`)), data });
      const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      const today = new Date();
      const pad = (n: number) => String(n).padStart(2, "0");
      a.download = `deals-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
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
      {running ? t("export.running") : t("export.button")}
    </Button>
  );
}
