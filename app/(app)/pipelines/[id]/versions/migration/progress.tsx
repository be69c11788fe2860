"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CircleCheckIcon, Loader2Icon, OctagonXIcon, RotateCwIcon, Undo2Icon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { FINAL_STATUSES, type MigrationRow } from "./types";

const STATUS_VARIANT = {
  queued: "secondary",
  running: "default",
  done: "success",
  failed: "destructive",
  cancelled: "outline",
  rolledBack: "warning",
} as const;

/** A migration's status in words. */
export function MigrationStatusBadge({ status }: { status: MigrationRow["status"] }) {
  const t = useTranslations("migrations.status");
  return (
    <Badge variant={STATUS_VARIANT[status]} data-testid="migration-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}

/** The bar: deals gone through out of the deals there were. */
export function MigrationBar({ m }: { m: MigrationRow }) {
  const t = useTranslations("migrations.progress");
  const format = useFormatter();
  const done = m.status === "done";
  const pct = done || m.total === 0 ? 100 : Math.min(100, Math.round((m.processed / m.total) * 100));
  return (
    <div className="grid gap-1.5">
      <div
        className="h-2.5 overflow-hidden rounded-full bg-muted"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={m.total}
        aria-valuenow={done ? m.total : m.processed}
        aria-label={t("label")}
        data-testid="migration-progress"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500",
            m.status === "failed"
              ? "bg-destructive"
              : m.status === "rolledBack"
                ? "bg-warning"
                : "bg-primary",
          )}
          style={{ width: `${pct}%` }}
        />
      </div>
      <div className="flex justify-between text-xs text-muted-foreground tabular-nums">
        <span data-testid="migration-processed">
          {t("processed", { processed: format.number(m.processed), total: format.number(m.total) })}
        </span>
        <span>{pct}%</span>
      </div>
    </div>
  );
}

/**
 * Step 3 of the dialog: the migration runs on the job queue; its progress is polled every second
 * until it ends. `onFinished` is told once when it does.
 */
export function MigrationProgress({
  migrationId,
  onFinished,
}: {
  migrationId: string;
  onFinished?: (m: MigrationRow) => void;
}) {
  const t = useTranslations("migrations.progress");
  const te = useTranslations("errors");
  const trpc = useTRPC();
  const format = useFormatter();
  const query = useQuery(
    trpc.migrations.get.queryOptions(
      { migrationId },
      {
        refetchInterval: (q) => (q.state.data && FINAL_STATUSES.has(q.state.data.status) ? false : 1000),
        staleTime: 0,
      },
    ),
  );
  const cancel = useMutation(
    trpc.migrations.cancel.mutationOptions({ onSuccess: () => void query.refetch() }),
  );
  const resume = useMutation(
    trpc.migrations.resume.mutationOptions({ onSuccess: () => void query.refetch() }),
  );
  const m = query.data;
  const told = useRef(false);
  useEffect(() => {
    if (m && FINAL_STATUSES.has(m.status) && !told.current) {
      told.current = true;
      onFinished?.(m);
    }
  }, [m, onFinished]);
  if (!m)
    return (
      <div className="flex justify-center p-8">
        <Loader2Icon className="size-6 animate-spin text-muted-foreground" />
      </div>
    );
  const running = !FINAL_STATUSES.has(m.status);
  const Icon =
    m.status === "done"
      ? CircleCheckIcon
      : m.status === "failed" || m.status === "cancelled"
        ? OctagonXIcon
        : m.status === "rolledBack"
          ? Undo2Icon
          : Loader2Icon;
  return (
    <div className="grid gap-4" data-testid="migration-run">
      <div className="flex flex-wrap items-center gap-2">
        <Icon
          className={cn(
            "size-5",
            running && "animate-spin text-primary",
            m.status === "done" && "text-[oklch(0.55_0.14_155)]",
            (m.status === "failed" || m.status === "cancelled") && "text-destructive",
          )}
          aria-hidden
        />
        <span className="font-medium" data-testid="migration-title">
          {t(`title.${m.status}`)}
        </span>
        <MigrationStatusBadge status={m.status} />
      </div>
      <p className="text-sm text-muted-foreground">
        {running
          ? t("hintRunning")
          : m.status === "done"
            ? t("hintDone", { from: m.from.number, to: m.to.number })
            : m.failure
              ? te(m.failure as never)
              : null}
      </p>
      <MigrationBar m={m} />
      <dl className="grid grid-cols-2 gap-3 text-center">
        <div className="rounded-lg border p-3">
          <dt className="text-xs text-muted-foreground">{t("migrated")}</dt>
          <dd
            className="mt-1 text-xl font-semibold text-primary tabular-nums"
            data-testid="migration-migrated"
          >
            {format.number(m.migrated)}
          </dd>
        </div>
        <div className="rounded-lg border p-3" title={t("skippedHint")}>
          <dt className="text-xs text-muted-foreground">{t("skipped")}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{format.number(m.skipped)}</dd>
        </div>
      </dl>
      {m.stalled ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
          <span>{t("stalled")}</span>
          <Button
            size="sm"
            variant="outline"
            disabled={resume.isPending}
            onClick={() => resume.mutateAsync({ migrationId }).catch((e) => toast.error(errorMessage(e)))}
          >
            <RotateCwIcon />
            {t("resume")}
          </Button>
        </div>
      ) : null}
      {running ? (
        <div className="flex justify-end">
          <Button
            variant="outline"
            size="sm"
            disabled={cancel.isPending}
            onClick={() => cancel.mutateAsync({ migrationId }).catch((e) => toast.error(errorMessage(e)))}
            data-testid="migration-cancel"
          >
            {t("cancel")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
