"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Loader2Icon, RefreshCwIcon, RotateCcwIcon, InboxIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { eventKey } from "./event-labels";
import { DeliveryStatus, When } from "./status";
import type { DeliveryRow, EndpointRow } from "./types";

export type LogFilter = { endpointId?: string; status?: "pending" | "delivered" | "failed" };
const ALL = "all";

/** The delivery log: newest first, filtered by endpoint and status, 25 at a time. */
export function DeliveryLog({
  endpoints,
  filter,
  onFilter,
  onOpen,
  onResend,
  resending,
}: {
  endpoints: EndpointRow[];
  filter: LogFilter;
  onFilter: (f: LogFilter) => void;
  onOpen: (d: DeliveryRow) => void;
  onResend: (d: DeliveryRow) => void;
  resending: string | null;
}) {
  const t = useTranslations("webhooks");
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.webhooks.deliveries.infiniteQueryOptions(
      { ...filter, limit: 25 },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        // Deliveries move on their own (retries, the worker): keep the log fresh while it is open.
        refetchInterval: 5000,
      },
    ),
  );
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const off = new Set(endpoints.filter((e) => !e.enabled).map((e) => e.id));

  return (
    <section className="grid gap-3" aria-labelledby="delivery-log-title">
      <div className="flex flex-wrap items-end gap-2">
        <h2 id="delivery-log-title" className="mr-auto text-base font-semibold">
          {t("log.title")}
        </h2>
        <Select
          value={filter.endpointId ?? ALL}
          onValueChange={(v) => onFilter({ ...filter, endpointId: v === ALL ? undefined : v })}
        >
          <SelectTrigger className="w-full sm:w-64" aria-label={t("log.endpointFilter")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("log.allEndpoints")}</SelectItem>
            {endpoints.map((e) => (
              <SelectItem key={e.id} value={e.id}>
                <span className="max-w-56 truncate">{e.description || e.url}</span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={filter.status ?? ALL}
          onValueChange={(v) =>
            onFilter({ ...filter, status: v === ALL ? undefined : (v as LogFilter["status"]) })
          }
        >
          <SelectTrigger className="w-[calc(50%-0.25rem)] sm:w-40" aria-label={t("log.statusFilter")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("log.allStatuses")}</SelectItem>
            <SelectItem value="delivered">{t("deliveryStatus.delivered")}</SelectItem>
            <SelectItem value="pending">{t("deliveryStatus.pending")}</SelectItem>
            <SelectItem value="failed">{t("deliveryStatus.failed")}</SelectItem>
          </SelectContent>
        </Select>
        <Button
          variant="outline"
          size="icon"
          aria-label={t("log.refresh")}
          onClick={() => log.refetch()}
          disabled={log.isFetching}
        >
          <RefreshCwIcon className={log.isFetching ? "animate-spin" : undefined} />
        </Button>
      </div>

      {log.isPending ? (
        <Loader2Icon className="size-5 animate-spin text-muted-foreground" aria-label={t("loading")} />
      ) : rows.length === 0 ? (
        <div className="flex items-center gap-3 rounded-lg border border-dashed p-6 text-sm text-muted-foreground">
          <InboxIcon className="size-5 shrink-0" />
          {t("log.empty")}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border bg-card">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("log.status")}</TableHead>
                <TableHead>{t("log.event")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("log.endpoint")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("log.attempts")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("log.time")}</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">{t("log.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((d) => (
                <TableRow
                  key={d.id}
                  data-testid="delivery-row"
                  data-event={d.eventType}
                  className="cursor-pointer"
                  onClick={() => onOpen(d)}
                >
                  <TableCell>
                    <DeliveryStatus delivery={d} />
                  </TableCell>
                  <TableCell>
                    <span className="block text-sm">{t(`events.${eventKey(d.eventType)}`)}</span>
                    <code className="block font-mono text-[11px] text-muted-foreground">
                      {d.resentFrom ? t("log.resent") : d.eventType}
                    </code>
                    <span className="block text-xs text-muted-foreground sm:hidden">
                      <When at={d.createdAt} />
                    </span>
                  </TableCell>
                  <TableCell className="hidden max-w-64 md:table-cell">
                    <span className="block truncate font-mono text-xs text-muted-foreground" title={d.url}>
                      {d.url}
                    </span>
                  </TableCell>
                  <TableCell className="hidden tabular-nums sm:table-cell">
                    {d.attempts}
                    {d.status === "pending" && off.has(d.endpointId) ? (
                      <span className="block text-xs text-muted-foreground">{t("log.paused")}</span>
                    ) : d.status === "pending" && d.attempts > 0 && d.nextAttemptAt ? (
                      <span className="block text-xs text-muted-foreground">
                        {t("log.nextTry")} <When at={d.nextAttemptAt} />
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-sm sm:table-cell">
                    <When at={d.createdAt} />
                  </TableCell>
                  <TableCell className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      data-testid="delivery-resend"
                      disabled={resending === d.id}
                      onClick={(e) => {
                        e.stopPropagation();
                        onResend(d);
                      }}
                    >
                      {resending === d.id ? <Loader2Icon className="animate-spin" /> : <RotateCcwIcon />}
                      <span className="hidden sm:inline">{t("actions.resend")}</span>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {log.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-center"
          onClick={() => log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
        >
          {log.isFetchingNextPage ? <Loader2Icon className="animate-spin" /> : null}
          {t("log.more")}
        </Button>
      ) : null}
    </section>
  );
}
