"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  CircleCheckIcon,
  DownloadIcon,
  Loader2Icon,
  OctagonXIcon,
  RotateCwIcon,
  TriangleAlertIcon,
} from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { ImportStatusBadge } from "../status-badge";
import type { Opened } from "./types";

const FINAL = new Set(["done", "failed", "cancelled"]);

/** Step 4: the import runs on the job queue; its progress is polled until it ends. */
export function RunStep({ opened }: { opened: Opened }) {
  const t = useTranslations("imports.run");
  const te = useTranslations("errors");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const importId = opened.import.id;
  const progress = useQuery(
    trpc.imports.progress.queryOptions(
      { importId },
      {
        refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.status) ? false : 1000),
        staleTime: 0,
      },
    ),
  );
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.imports.progress.queryKey({ importId }) });
  const cancel = useMutation(trpc.imports.cancel.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.imports.resume.mutationOptions({ onSuccess: refresh }));
  const p = progress.data;
  if (!p) {
    return (
      <div className="flex justify-center p-12">
        <Loader2Icon className="size-6 animate-spin text-muted-foreground" />
      </div>
    );
  }
  const pct = p.total ? Math.round((p.processed / p.total) * 100) : 100;
  const running = !FINAL.has(p.status);
  const act = (m: typeof cancel | typeof resume) =>
    m.mutateAsync({ importId }).catch((e) => toast.error(errorMessage(e)));

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-3">
          {p.status === "done" ? (
            p.failed ? (
              <TriangleAlertIcon className="size-5 text-[oklch(0.6_0.13_70)]" />
            ) : (
              <CircleCheckIcon className="size-5 text-[oklch(0.55_0.14_155)]" />
            )
          ) : p.status === "failed" || p.status === "cancelled" ? (
            <OctagonXIcon className="size-5 text-destructive" />
          ) : (
            <Loader2Icon className="size-5 animate-spin text-primary" />
          )}
          {t(`title.${p.status}` as never)}
          <ImportStatusBadge status={p.status} failed={p.failed} />
        </CardTitle>
        <CardDescription>
          {running
            ? t("hintRunning")
            : p.status === "done"
              ? t("hintDone")
              : p.failure
                ? te(p.failure as never)
                : t("hintStopped")}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid gap-2">
          <div
            className="h-3 overflow-hidden rounded-full bg-muted"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={p.total}
            aria-valuenow={p.processed}
            aria-label={t("progress")}
            data-testid="import-progress"
          >
            <div
              className={`h-full rounded-full bg-primary ${running ? "transition-[width] duration-500" : ""}`}
              style={{ width: `${pct}%` }}
            />
          </div>
          <div className="flex justify-between text-xs text-muted-foreground tabular-nums">
            <span data-testid="import-processed">
              {t("processed", { processed: format.number(p.processed), total: format.number(p.total) })}
            </span>
            <span>{pct}%</span>
          </div>
        </div>
        <dl className="grid grid-cols-3 gap-3 text-center">
          {(
            [
              ["created", p.created, "text-primary"],
              ["updated", p.updated, ""],
              ["failed", p.failed, p.failed ? "text-destructive" : ""],
            ] as const
          ).map(([key, n, tone]) => (
            <div key={key} className="rounded-lg border p-3">
              <dt className="text-xs text-muted-foreground">{t(key)}</dt>
              <dd className={`mt-1 text-xl font-semibold tabular-nums ${tone}`} data-testid={`run-${key}`}>
                {format.number(n)}
              </dd>
            </div>
          ))}
        </dl>
        {p.stalled ? (
          <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
            <span>{t("stalled")}</span>
            <Button size="sm" variant="outline" onClick={() => void act(resume)} disabled={resume.isPending}>
              <RotateCwIcon />
              {t("resume")}
            </Button>
          </div>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          {running ? (
            <Button
              variant="outline"
              onClick={() => void act(cancel)}
              disabled={cancel.isPending}
              data-testid="import-cancel"
            >
              {t("cancel")}
            </Button>
          ) : null}
          {p.failed > 0 ? (
            <Button variant="outline" asChild>
              <a href={`/api/imports/${importId}/errors`} download data-testid="import-error-report">
                <DownloadIcon />
                {t("errorReport")}
              </a>
            </Button>
          ) : null}
          {!running ? (
            <Button variant="outline" asChild>
              <Link href="/deals/import">{t("another")}</Link>
            </Button>
          ) : null}
          {p.status === "done" ? (
            <Button asChild>
              <Link href="/deals" data-testid="import-view-deals">
                {t("viewDeals")}
              </Link>
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
