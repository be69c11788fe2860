"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { Badge } from "@/lib/ui/badge";
import type { DeliveryRow, EndpointRow } from "./types";

/** Active / failing (N in a row) / turned off by an admin / turned off after failing. */
export function EndpointStatus({ endpoint }: { endpoint: EndpointRow }) {
  const t = useTranslations("webhooks.status");
  if (!endpoint.enabled)
    return endpoint.disabledReason === "failing" ? (
      <Badge variant="destructive" data-testid="webhook-status">
        {t("autoDisabled")}
      </Badge>
    ) : (
      <Badge variant="secondary" data-testid="webhook-status">
        {t("off")}
      </Badge>
    );
  if (endpoint.failureStreak > 0)
    return (
      <Badge variant="warning" data-testid="webhook-status">
        {t("failing", { count: endpoint.failureStreak })}
      </Badge>
    );
  return (
    <Badge variant="success" data-testid="webhook-status">
      <span className="size-1.5 rounded-full bg-current" aria-hidden />
      {t("active")}
    </Badge>
  );
}

/** A delivery in one badge: its status, with the last HTTP status code when there is one. */
export function DeliveryStatus({
  delivery,
}: {
  delivery: Pick<DeliveryRow, "status" | "attempts" | "lastStatusCode">;
}) {
  const t = useTranslations("webhooks.deliveryStatus");
  const code = delivery.lastStatusCode;
  const variant =
    delivery.status === "delivered"
      ? "success"
      : delivery.status === "failed"
        ? "destructive"
        : delivery.attempts > 0
          ? "warning"
          : "secondary";
  const label =
    delivery.status === "pending"
      ? delivery.attempts > 0
        ? t("retrying")
        : t("queued")
      : t(delivery.status);
  return (
    <Badge variant={variant} data-testid="delivery-status" data-status={delivery.status}>
      {code !== null ? <span className="font-mono tabular-nums">{code}</span> : null}
      {code !== null ? <span aria-hidden>·</span> : null}
      {label}
    </Badge>
  );
}

/** "3 minutes ago", with the exact time on hover. */
export function When({ at }: { at: Date | null }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  if (!at) return <span className="text-muted-foreground">—</span>;
  return (
    <time
      dateTime={at.toISOString()}
      title={format.dateTime(at, { dateStyle: "medium", timeStyle: "medium" })}
    >
      {format.relativeTime(at > now ? now : at, now)}
    </time>
  );
}
