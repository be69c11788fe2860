"use client";

import {
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from "lucide-react";
import { useFormatter, useLocale, useNow, useTranslations } from "next-intl";
import Link from "next/link";
import { Fragment, useMemo, type ReactNode } from "react";
import { localized, localName } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { Sort } from "./deal-filters";
import { COLUMNS, SORT_OF, type ColumnId } from "./deal-views";
import { StageCell, type DealRow } from "./deals-table";
import { useMoney } from "./[id]/use-deal-format";
import { VersionBadge, type VersionStatus } from "../_components/version-badge";

export type GridRow = DealRow & {
  pipelineVersionId: string;
  versionNumber: number;
  versionStatus: VersionStatus;
  contact: string | null;
  expectedClose: string | null;
  industry: string | null;
  region: string | null;
  source: string | null;
  createdAt: Date;
};

/** The deals of one version under the list's filters: the group header of the list by version. */
export type VersionGroup = {
  versionId: string;
  number: number;
  status: VersionStatus;
  pipelineName: { zh: string; en: string };
  count: number;
  amount: number;
};

/**
 * The line above a version's deals in the list sorted by version: its badge (and pipeline when
 * the list holds more than one), how many deals match and their total.
 */
function VersionGroupHeader({ group, withPipeline }: { group: VersionGroup; withPipeline: boolean }) {
  const t = useTranslations("deals");
  const locale = useLocale();
  const money = useMoney();
  return (
    <span className="flex flex-wrap items-center gap-2 text-xs" data-testid="version-group">
      <VersionBadge number={group.number} status={group.status} />
      {withPipeline ? <span className="font-medium">{localized(group.pipelineName, locale)}</span> : null}
      <span className="text-muted-foreground">{t(`versionGroup.${group.status}`)}</span>
      <span className="text-muted-foreground tabular-nums" data-testid="version-group-count">
        {t("versionGroup.summary", { count: group.count, amount: money(group.amount) })}
      </span>
    </span>
  );
}

/** Option labels of the select fields (industry, region, source) by field then value. */
export type OptionLabels = Map<string, Map<string, { zh: string; en: string }>>;

const PRIORITY_VARIANT = { A: "destructive", B: "warning", C: "default", D: "secondary" } as const;
const features = tableFeatures({ columnVisibilityFeature, columnOrderingFeature, rowSortingFeature });
const helper = createColumnHelper<typeof features, GridRow>();
const RIGHT: ColumnId[] = ["amount"];

function PriorityBadge({ priority }: { priority: string | null }) {
  if (!priority) return <span className="text-muted-foreground">—</span>;
  return (
    <Badge variant={PRIORITY_VARIANT[priority as keyof typeof PRIORITY_VARIANT] ?? "outline"}>
      {priority}
    </Badge>
  );
}

/** How each column shows a deal, shared by the table and the phone cards. */
function useCellRenderers(options: OptionLabels) {
  const format = useFormatter();
  const locale = useLocale();
  const now = useNow();
  const option = (field: string, value: string | null) => {
    if (!value) return "—";
    const label = options.get(field)?.get(value);
    return label ? localized(label, locale) : value;
  };
  const amount = (d: GridRow) =>
    d.amount === null
      ? "—"
      : format.number(d.amount, { style: "currency", currency: d.currency, maximumFractionDigits: 0 });
  const day = (v: string | null) =>
    v ? format.dateTime(new Date(`${v}T00:00:00`), { year: "numeric", month: "short", day: "numeric" }) : "—";
  const render: Record<ColumnId, (d: GridRow) => ReactNode> = {
    title: (d) => (
      <Link
        href={`/deals/${d.id}`}
        className="block max-w-[18rem] truncate font-medium hover:text-primary hover:underline"
        data-testid="deal-link"
      >
        {d.title}
      </Link>
    ),
    account: (d) => <span className="block max-w-[14rem] truncate">{d.account}</span>,
    contact: (d) => d.contact || "—",
    stage: (d) => <StageCell deal={d} />,
    version: (d) => <VersionBadge number={d.versionNumber} status={d.versionStatus} />,
    amount: (d) => <span className="tabular-nums whitespace-nowrap">{amount(d)}</span>,
    priority: (d) => <PriorityBadge priority={d.priority} />,
    owner: (d) => (
      <span className="whitespace-nowrap" data-testid="deal-owner">
        {d.ownerName ?? "—"}
      </span>
    ),
    team: (d) =>
      d.teamName ? (
        <span className="whitespace-nowrap">
          {localName({ name: d.teamName, nameEn: d.teamNameEn }, locale)}
        </span>
      ) : (
        "—"
      ),
    industry: (d) => option("industry", d.industry),
    region: (d) => option("region", d.region),
    source: (d) => option("source", d.source),
    expectedClose: (d) => <span className="whitespace-nowrap tabular-nums">{day(d.expectedClose)}</span>,
    updated: (d) => (
      <span className="whitespace-nowrap text-muted-foreground">{format.relativeTime(d.updatedAt, now)}</span>
    ),
    created: (d) => (
      <span className="whitespace-nowrap text-muted-foreground">
        {format.dateTime(d.createdAt, { year: "numeric", month: "short", day: "numeric" })}
      </span>
    ),
  };
  return { render, amount, day };
}

/**
 * The deals list: a table whose visible columns, their order and the sort are table state
 * (@tanstack/react-table), owned by the page's URL; sorting happens on the server. On a phone
 * each deal is a card.
 */
export function DealsGrid({
  rows,
  columns,
  sort,
  onSort,
  options,
  empty,
  groups,
}: {
  rows: GridRow[];
  columns: ColumnId[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  options: OptionLabels;
  empty: string;
  /** Sorted by version: a header above each version's deals. */
  groups?: VersionGroup[];
}) {
  const t = useTranslations("deals");
  const { render, amount, day } = useCellRenderers(options);
  const defs = useMemo(
    () =>
      COLUMNS.map(
        (id) =>
          // An accessor column (the value is unused: the server sorts) so the table offers sorting.
          helper.accessor((row) => row.id, {
            id,
            header: () => t(`col.${id}`),
            cell: (ctx) => render[id](ctx.row.original),
            enableSorting: SORT_OF[id] !== undefined,
            sortDescFirst: false,
          }) as ColumnDef<typeof features, GridRow>,
      ),
    // The renderers read the locale and the option labels; rebuilding per render is cheap.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, options],
  );
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(
    COLUMNS.map((c) => [c, columns.includes(c)]),
  );
  const sortedColumn = (Object.keys(SORT_OF) as ColumnId[]).find((c) => SORT_OF[c] === sort.key);
  const sorting: SortingState = sortedColumn ? [{ id: sortedColumn, desc: sort.dir === "desc" }] : [];
  const table = useTable({
    features,
    columns: defs,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { columnVisibility, columnOrder: columns, sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      const key = first ? SORT_OF[first.id as ColumnId] : undefined;
      if (first && key) onSort({ key, dir: first.desc ? "desc" : "asc" });
    },
  });

  if (rows.length === 0)
    return (
      <p className="px-5 py-12 text-center text-sm text-muted-foreground" data-testid="deals-empty">
        {empty}
      </p>
    );

  const groupOf = new Map((groups ?? []).map((g) => [g.versionId, g]));
  const withPipeline = new Set((groups ?? []).map((g) => JSON.stringify(g.pipelineName))).size > 1;
  /** The group starting at row `i`, when the list is grouped and the version changes there. */
  const startsGroup = (i: number) => {
    if (!groups) return undefined;
    const id = rows[i]!.pipelineVersionId;
    return i === 0 || rows[i - 1]!.pipelineVersionId !== id ? groupOf.get(id) : undefined;
  };

  const cardExtras = columns.filter((c) => !["title", "account", "stage", "amount", "priority"].includes(c));
  return (
    <>
      <div className="hidden sm:block">
        <Table data-testid="deals-table">
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const id = header.column.id as ColumnId;
                  const dir = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const label = t(`col.${id}`);
                  return (
                    <TableHead
                      key={header.id}
                      className={cn(RIGHT.includes(id) && "text-right")}
                      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                      data-testid={`col-${id}`}
                    >
                      {canSort ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={cn(
                            "-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 whitespace-nowrap hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
                            dir && "text-foreground",
                          )}
                          title={t("sortBy", { column: label })}
                          data-testid={`sort-${id}`}
                        >
                          {label}
                          {dir === "asc" ? (
                            <ArrowUpIcon className="size-3.5" />
                          ) : dir === "desc" ? (
                            <ArrowDownIcon className="size-3.5" />
                          ) : (
                            <ArrowUpDownIcon className="size-3.5 opacity-40" />
                          )}
                        </button>
                      ) : (
                        <span className="whitespace-nowrap">{label}</span>
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {table.getRowModel().rows.map((row, i) => {
              const group = startsGroup(i);
              return (
                <Fragment key={row.id}>
                  {group ? (
                    <TableRow className="bg-muted/50 hover:bg-muted/50">
                      <TableCell colSpan={columns.length} className="py-1.5">
                        <VersionGroupHeader group={group} withPipeline={withPipeline} />
                      </TableCell>
                    </TableRow>
                  ) : null}
                  <TableRow data-testid="deal-row">
                    {row.getVisibleCells().map((cell) => (
                      <TableCell
                        key={cell.id}
                        data-column={cell.column.id}
                        className={cn(RIGHT.includes(cell.column.id as ColumnId) && "text-right")}
                      >
                        <table.FlexRender cell={cell} />
                      </TableCell>
                    ))}
                  </TableRow>
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <ul className="divide-y sm:hidden" data-testid="deals-cards">
        {rows.map((d, i) => {
          const group = startsGroup(i);
          return (
            <Fragment key={d.id}>
              {group ? (
                <li className="bg-muted/50 px-4 py-1.5">
                  <VersionGroupHeader group={group} withPipeline={withPipeline} />
                </li>
              ) : null}
              <li className="relative px-4 py-3 active:bg-muted/60">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <Link
                      href={`/deals/${d.id}`}
                      className="block truncate font-medium after:absolute after:inset-0"
                      data-testid="deal-card-link"
                    >
                      {d.title}
                    </Link>
                    <div className="truncate text-sm text-muted-foreground">{d.account}</div>
                  </div>
                  <div className="shrink-0 text-right">
                    <div className="font-medium tabular-nums">{amount(d)}</div>
                    {d.expectedClose ? (
                      <div className="text-xs text-muted-foreground">{day(d.expectedClose)}</div>
                    ) : null}
                  </div>
                </div>
                <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
                  <StageCell deal={d} />
                  {columns.includes("version") ? (
                    <VersionBadge number={d.versionNumber} status={d.versionStatus} />
                  ) : null}
                  {d.priority ? <PriorityBadge priority={d.priority} /> : null}
                  {cardExtras
                    .filter((c) => c !== "expectedClose" && c !== "version")
                    .map((c) => (
                      <span key={c} className="text-muted-foreground">
                        · {render[c](d)}
                      </span>
                    ))}
                </div>
              </li>
            </Fragment>
          );
        })}
      </ul>
    </>
  );
}
