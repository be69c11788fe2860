"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRightIcon, RocketIcon, Undo2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { MigrationBar, MigrationStatusBadge } from "./progress";
import { RollbackDialog } from "./rollback-dialog";
import { FINAL_STATUSES, type MigrationRow } from "./types";

/**
 * The pipeline's migrations on the versions page: from → to, status and progress (polled while
 * one runs), who started it and why, and the rollback.
 */
export function MigrationsCard({ pipelineId, onChanged }: { pipelineId: string; onChanged: () => void }) {
  const t = useTranslations("migrations.card");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(
    trpc.migrations.list.queryOptions(
      { pipelineId },
      {
        refetchInterval: (q) => (q.state.data?.some((m) => !FINAL_STATUSES.has(m.status)) ? 1500 : false),
        staleTime: 0,
      },
    ),
  );
  const [rollback, setRollback] = useState<MigrationRow | null>(null);
  const rows = list.data ?? [];
  // A migration that ends changes the versions' deal counts: the page reloads them.
  const active = useRef<string>("");
  const activeNow = rows
    .filter((m) => !FINAL_STATUSES.has(m.status))
    .map((m) => m.id)
    .join(",");
  useEffect(() => {
    if (active.current && active.current !== activeNow) onChanged();
    active.current = activeNow;
  }, [activeNow, onChanged]);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.migrations.list.queryKey({ pipelineId }) });
    onChanged();
  };
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card data-testid="migrations-card">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className={rows.length ? "p-0" : undefined}>
        {rows.length === 0 ? (
          <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="divide-y border-t">
            {rows.map((m) => (
              <li key={m.id} className="grid gap-2 px-5 py-4" data-testid="migration-row">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="flex items-center gap-1 font-semibold tabular-nums">
                    v{m.from.number}
                    <ArrowRightIcon className="size-3.5 text-muted-foreground" aria-hidden />v{m.to.number}
                  </span>
                  <MigrationStatusBadge status={m.status} />
                  {m.viaRollout ? (
                    <Badge variant="outline">
                      <RocketIcon className="size-3" aria-hidden />
                      {t("viaRollout")}
                    </Badge>
                  ) : null}
                  <span className="text-xs text-muted-foreground tabular-nums">
                    {t("counts", { migrated: format.number(m.migrated), total: format.number(m.total) })}
                  </span>
                  {m.canRollBack ? (
                    <Button
                      variant="outline"
                      size="sm"
                      className="ml-auto"
                      onClick={() => setRollback(m)}
                      data-testid="migration-rollback"
                    >
                      <Undo2Icon />
                      {t("rollback")}
                    </Button>
                  ) : null}
                </div>
                {!FINAL_STATUSES.has(m.status) ? <MigrationBar m={m} /> : null}
                <p className="text-sm break-words">{m.note}</p>
                <p className="text-xs text-muted-foreground">
                  {t("started", { name: m.createdByName ?? "—", date: when(m.createdAt) })}
                  {m.rolledBackAt
                    ? ` · ${t("rolledBack", { name: m.rolledBackByName ?? "—", date: when(m.rolledBackAt) })}`
                    : ""}
                </p>
                {m.rollbackNote ? (
                  <blockquote className="border-l-2 pl-2 text-xs text-muted-foreground italic break-words">
                    {m.rollbackNote}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <RollbackDialog migration={rollback} onClose={() => setRollback(null)} onDone={refresh} />
    </Card>
  );
}
