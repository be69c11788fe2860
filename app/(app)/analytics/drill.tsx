"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createContext, useContext, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/lib/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { AnalyticsFiltersInput, DrillFigure } from "@/lib/validation/analytics";
import { downloadCsv } from "./csv";
import { useFigures } from "./format";

type Open = (figure: DrillFigure, title: string) => void;
const DrillContext = createContext<Open>(() => {});

const SHOWN = 100;
const EXPORTED = 5000;

/**
 * The deals behind any number of the dashboard: a number is a button that opens them in a dialog
 * (title linking to the deal, account, owner, stage, amount, dates; for stays, the stay), exportable
 * as CSV.
 */
export function DrillProvider({
  filters,
  stageName,
  children,
}: {
  filters: AnalyticsFiltersInput;
  stageName: (key: string) => string;
  children: ReactNode;
}) {
  const [current, setCurrent] = useState<{ figure: DrillFigure; title: string } | null>(null);
  return (
    <DrillContext.Provider value={(figure, title) => setCurrent({ figure, title })}>
      {children}
      <Dialog open={current !== null} onOpenChange={(open) => !open && setCurrent(null)}>
        {current ? (
          <DrillDialog
            filters={filters}
            figure={current.figure}
            title={current.title}
            stageName={stageName}
          />
        ) : null}
      </Dialog>
    </DrillContext.Provider>
  );
}

/** Opens the deals behind a figure (for charts; numbers use `DrillNumber`). */
export const useDrill = () => useContext(DrillContext);

/** A count that opens the deals behind it. */
export function DrillNumber({
  figure,
  title,
  children,
  className,
  disabled,
}: {
  figure: DrillFigure;
  title: string;
  children: ReactNode;
  className?: string;
  disabled?: boolean;
}) {
  const open = useContext(DrillContext);
  const t = useTranslations("analytics");
  if (disabled) return <span className={cn("tabular-nums", className)}>{children}</span>;
  return (
    <button
      type="button"
      onClick={() => open(figure, title)}
      title={t("drill.open")}
      className={cn(
        "cursor-pointer rounded-sm tabular-nums text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring print:text-foreground print:no-underline",
        className,
      )}
    >
      {children}
    </button>
  );
}

function DrillDialog({
  filters,
  figure,
  title,
  stageName,
}: {
  filters: AnalyticsFiltersInput;
  figure: DrillFigure;
  title: string;
  stageName: (key: string) => string;
}) {
  const t = useTranslations("analytics");
  const tc = useTranslations("common");
  const f = useFigures();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [exporting, setExporting] = useState(false);
  const query = useQuery(trpc.analytics.drill.queryOptions({ filters, figure, limit: SHOWN }));
  const adoption = figure.kind === "adoption" ? figure.measure : null;
  const stays =
    figure.kind === "stay" || adoption === "pastLimit" || adoption === "onTime" || adoption === "late";
  /** Adoption's deal lists show the moment they count (last activity, last refusal) instead of the creation. */
  const atLabel =
    adoption === "touched"
      ? t("drill.col.lastTouched")
      : adoption === "refused"
        ? t("drill.col.lastRefused")
        : adoption === "open" || adoption === "stale"
          ? t("drill.col.lastActivity")
          : null;
  const rows = query.data?.rows ?? [];
  const total = query.data?.total ?? 0;

  const header = [
    t("drill.col.title"),
    t("drill.col.account"),
    t("drill.col.owner"),
    t("drill.col.stage"),
    t("drill.col.amount"),
    ...(stays
      ? [t("drill.col.entered"), t("drill.col.left"), t("drill.col.stay")]
      : [t("drill.col.created"), t("drill.col.closed"), ...(atLabel ? [atLabel] : [])]),
  ];
  const exportAll = async () => {
    setExporting(true);
    try {
      const all = await queryClient.fetchQuery(
        trpc.analytics.drill.queryOptions({ filters, figure, limit: EXPORTED }),
      );
      downloadCsv(
        `${title}.csv`,
        header,
        all.rows.map((r) => [
          r.title,
          r.account,
          r.ownerName,
          stageName(r.stage),
          r.amount,
          ...(stays
            ? [f.date(r.enteredAt), f.date(r.leftAt), r.staySeconds === null ? null : f.days(r.staySeconds)]
            : [f.date(r.createdAt), f.date(r.closedAt), ...(atLabel ? [f.date(r.at)] : [])]),
        ]),
      );
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <DialogContent closeLabel={tc("close")} className="max-w-4xl" data-testid="drill-dialog">
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>
          {query.isLoading
            ? null
            : total > rows.length
              ? t("drill.count", { shown: rows.length, total })
              : t("drill.countAll", { total })}
        </DialogDescription>
      </DialogHeader>
      {query.isLoading ? (
        <div className="flex items-center justify-center py-10 text-muted-foreground">
          <Loader2Icon className="size-5 animate-spin" />
        </div>
      ) : rows.length === 0 ? (
        <p className="py-6 text-center text-sm text-muted-foreground">{t("drill.empty")}</p>
      ) : (
        <div className="-mx-6 overflow-x-auto">
          <Table data-testid="drill-table">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">{t("drill.col.title")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("drill.col.account")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("drill.col.owner")}</TableHead>
                <TableHead>{t("drill.col.stage")}</TableHead>
                <TableHead className="text-right">{t("drill.col.amount")}</TableHead>
                {stays ? (
                  <TableHead className="pr-6 text-right">{t("drill.col.stay")}</TableHead>
                ) : (
                  <TableHead className="hidden pr-6 text-right sm:table-cell">
                    {atLabel ?? t("drill.col.created")}
                  </TableHead>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r, i) => (
                <TableRow key={`${r.dealId}:${i}`}>
                  <TableCell className="max-w-64 pl-6">
                    <Link href={`/deals/${r.dealId}`} className="font-medium text-primary hover:underline">
                      {r.title}
                    </Link>
                  </TableCell>
                  <TableCell className="hidden max-w-48 truncate sm:table-cell">{r.account}</TableCell>
                  <TableCell className="hidden md:table-cell">{r.ownerName ?? "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">{stageName(r.stage)}</TableCell>
                  <TableCell className="text-right tabular-nums">{f.money(r.amount)}</TableCell>
                  {stays ? (
                    <TableCell className="pr-6 text-right tabular-nums">{f.stay(r.staySeconds)}</TableCell>
                  ) : (
                    <TableCell className="hidden pr-6 text-right tabular-nums sm:table-cell">
                      {f.date(atLabel ? r.at : r.createdAt)}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <div className="flex justify-end">
        <Button variant="outline" size="sm" onClick={exportAll} disabled={exporting || total === 0}>
          {exporting ? <Loader2Icon className="animate-spin" /> : <DownloadIcon />}
          {t("drill.exportAll")}
        </Button>
      </div>
    </DialogContent>
  );
}
