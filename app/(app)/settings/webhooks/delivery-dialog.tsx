"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2Icon, RotateCcwIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/lib/ui/dialog";
import { eventKey } from "./event-labels";
import { DeliveryStatus } from "./status";

/** One delivery: what was sent (headers and the exact body), each attempt, the last answer. */
export function DeliveryDialog({
  deliveryId,
  onClose,
  onResend,
  resending,
}: {
  deliveryId: string | null;
  onClose: () => void;
  onResend: (id: string) => void;
  resending: boolean;
}) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.webhooks.delivery.queryOptions({ id: deliveryId ?? "" }),
    enabled: deliveryId !== null,
    refetchInterval: (q) => (q.state.data?.status === "pending" ? 3000 : false),
  });
  const d = detail.data;
  const at = (v: Date | string) => format.dateTime(new Date(v), { dateStyle: "medium", timeStyle: "medium" });

  return (
    <Dialog open={deliveryId !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-2xl" data-testid="delivery-detail">
        <DialogHeader>
          <DialogTitle className="flex flex-wrap items-center gap-2 pr-6">
            {d ? t(`events.${eventKey(d.eventType)}`) : t("detail.title")}
            {d ? <DeliveryStatus delivery={d} /> : null}
          </DialogTitle>
          <DialogDescription className="font-mono text-xs break-all">{d?.url ?? ""}</DialogDescription>
        </DialogHeader>
        {!d ? (
          <Loader2Icon className="size-5 animate-spin text-muted-foreground" aria-label={t("loading")} />
        ) : (
          <div className="grid min-w-0 gap-5">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <div className="min-w-0">
                <dt className="text-xs text-muted-foreground">{t("detail.deliveryId")}</dt>
                <dd className="truncate font-mono text-xs">{d.id}</dd>
              </div>
              <div className="min-w-0">
                <dt className="text-xs text-muted-foreground">{t("detail.eventId")}</dt>
                <dd className="truncate font-mono text-xs">{d.eventId}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t("detail.created")}</dt>
                <dd>{at(d.createdAt)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">
                  {d.status === "delivered" ? t("detail.delivered") : t("detail.nextTry")}
                </dt>
                <dd>{d.deliveredAt ? at(d.deliveredAt) : d.nextAttemptAt ? at(d.nextAttemptAt) : "—"}</dd>
              </div>
            </dl>

            <section className="grid gap-2">
              <h3 className="text-sm font-semibold">
                {t("detail.attempts", { count: d.attemptLog.length })}
              </h3>
              {d.attemptLog.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("detail.noAttempts")}</p>
              ) : (
                <ol className="grid gap-1.5" data-testid="delivery-attempts">
                  {d.attemptLog.map((a, i) => (
                    <li
                      key={i}
                      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm"
                    >
                      <span className="w-6 text-xs text-muted-foreground tabular-nums">#{i + 1}</span>
                      <span
                        className={
                          a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300
                            ? "font-mono font-medium text-[oklch(0.42_0.12_155)]"
                            : "font-mono font-medium text-destructive"
                        }
                      >
                        {a.statusCode ?? t("detail.noResponse")}
                      </span>
                      {a.error && a.statusCode === null ? (
                        <span
                          className="min-w-0 flex-1 truncate text-xs text-muted-foreground"
                          title={a.error}
                        >
                          {a.error}
                        </span>
                      ) : (
                        <span className="flex-1" />
                      )}
                      <span className="text-xs text-muted-foreground tabular-nums">{a.durationMs} ms</span>
                      <span className="text-xs text-muted-foreground">{at(a.at)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </section>

            <section className="grid min-w-0 gap-2">
              <h3 className="text-sm font-semibold">{t("detail.response")}</h3>
              <pre className="max-h-40 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs whitespace-pre-wrap break-all">
                {d.responseSnippet ?? t("detail.noBody")}
              </pre>
            </section>

            <section className="grid min-w-0 gap-2">
              <h3 className="text-sm font-semibold">{t("detail.request")}</h3>
              <pre className="overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed">
                {[
                  `POST ${d.url}`,
                  "Content-Type: application/json; charset=utf-8",
                  `Pipewright-Event: ${d.eventType}`,
                  `Pipewright-Delivery: ${d.id}`,
                  "Pipewright-Signature: t=…,v1=…",
                ].join("\n")}
              </pre>
              <pre
                className="max-h-80 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs"
                data-testid="delivery-body"
              >
                {d.body}
              </pre>
            </section>

            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="outline" onClick={onClose}>
                {tc("close")}
              </Button>
              <Button onClick={() => onResend(d.id)} disabled={resending || !d.endpointEnabled}>
                {resending ? <Loader2Icon className="animate-spin" /> : <RotateCcwIcon />}
                {t("actions.resend")}
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
