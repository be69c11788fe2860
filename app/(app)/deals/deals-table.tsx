import { ClockAlertIcon } from "lucide-react";
import { useFormatter, useLocale, useNow, useTranslations } from "next-intl";
import Link from "next/link";
import { localized, localName } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";

export type DealRow = {
  id: string;
  title: string;
  account: string;
  amount: number | null;
  currency: string;
  stage: string;
  stageName: { zh: string; en: string; outcome: "open" | "won" | "lost" } | null;
  priority: string | null;
  ownerName: string | null;
  teamName: string | null;
  teamNameEn: string | null;
  stageEnteredAt: Date;
  updatedAt: Date;
  /** Past its stage's time limit (open deals only). */
  overdue?: boolean;
};

const PRIORITY_VARIANT = { A: "destructive", B: "warning", C: "default", D: "secondary" } as const;

export function StageBadge({ stage }: { stage: DealRow["stageName"] & object }) {
  const locale = useLocale();
  const variant = stage.outcome === "won" ? "success" : stage.outcome === "lost" ? "secondary" : "default";
  return <Badge variant={variant}>{localized(stage, locale)}</Badge>;
}

/** The deal's stage, marked when it sits past the stage's time limit (table, cards, grid). */
export function StageCell({ deal }: { deal: Pick<DealRow, "stage" | "stageName" | "overdue"> }) {
  const t = useTranslations("deals");
  return (
    <div className="flex flex-wrap items-center gap-1">
      {deal.stageName ? <StageBadge stage={deal.stageName} /> : <Badge variant="outline">{deal.stage}</Badge>}
      {deal.overdue ? (
        <Badge variant="destructive" title={t("overdueHint")} data-testid="overdue-badge">
          <ClockAlertIcon className="size-3" />
          {t("overdue")}
        </Badge>
      ) : null}
    </div>
  );
}

/** Deals as a table; on a phone the account and stage fold under the title. */
export function DealsTable({
  rows,
  compact = false,
  empty,
}: {
  rows: DealRow[];
  compact?: boolean;
  /** What to say when there are no rows, e.g. that no deal matches the filters. */
  empty?: string;
}) {
  const t = useTranslations("deals");
  const format = useFormatter();
  const locale = useLocale();
  const now = useNow();
  if (rows.length === 0)
    return <p className="px-5 py-8 text-center text-sm text-muted-foreground">{empty ?? t("empty")}</p>;
  return (
    <Table data-testid="deals-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t("col.title")}</TableHead>
          {compact ? null : <TableHead className="hidden md:table-cell">{t("col.account")}</TableHead>}
          <TableHead className="hidden sm:table-cell">{t("col.stage")}</TableHead>
          <TableHead className="text-right">{t("col.amount")}</TableHead>
          {compact ? null : <TableHead className="hidden sm:table-cell">{t("col.priority")}</TableHead>}
          <TableHead className="hidden lg:table-cell">{t("col.owner")}</TableHead>
          {compact ? null : <TableHead className="hidden xl:table-cell">{t("col.updated")}</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((d) => (
          <TableRow key={d.id}>
            <TableCell className="max-w-[16rem]">
              <Link
                href={`/deals/${d.id}`}
                className="block truncate font-medium hover:text-primary hover:underline"
                data-testid="deal-link"
              >
                {d.title}
              </Link>
              <div className={cn("truncate text-xs text-muted-foreground", !compact && "md:hidden")}>
                {d.account}
              </div>
              <div className="mt-1 sm:hidden">
                <StageCell deal={d} />
              </div>
            </TableCell>
            {compact ? null : (
              <TableCell className="hidden max-w-[14rem] truncate md:table-cell">{d.account}</TableCell>
            )}
            <TableCell className="hidden sm:table-cell">
              <StageCell deal={d} />
            </TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">
              {d.amount === null
                ? "—"
                : format.number(d.amount, {
                    style: "currency",
                    currency: d.currency,
                    maximumFractionDigits: 0,
                  })}
            </TableCell>
            {compact ? null : (
              <TableCell className="hidden sm:table-cell">
                {d.priority ? (
                  <Badge variant={PRIORITY_VARIANT[d.priority as keyof typeof PRIORITY_VARIANT] ?? "outline"}>
                    {d.priority}
                  </Badge>
                ) : (
                  "—"
                )}
              </TableCell>
            )}
            <TableCell className="hidden lg:table-cell">
              <div className="whitespace-nowrap" data-testid="deal-owner">
                {d.ownerName ?? "—"}
              </div>
              {d.teamName ? (
                <div className="whitespace-nowrap text-xs text-muted-foreground">
                  {localName({ name: d.teamName, nameEn: d.teamNameEn }, locale)}
                </div>
              ) : null}
            </TableCell>
            {compact ? null : (
              <TableCell className="hidden text-muted-foreground xl:table-cell whitespace-nowrap">
                {format.relativeTime(d.updatedAt, now)}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
