"use client";

import {
  AlertTriangleIcon,
  KeyRoundIcon,
  MoreHorizontalIcon,
  PencilIcon,
  PowerIcon,
  PowerOffIcon,
  SendIcon,
  Trash2Icon,
} from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { eventKey } from "./event-labels";
import { EndpointStatus, When } from "./status";
import type { EndpointRow } from "./types";

export type EndpointAction = "edit" | "test" | "rotate" | "enable" | "disable" | "delete" | "log";

/** One endpoint: where it sends, what, how it is doing, and what an admin can do with it. */
export function EndpointCard({
  endpoint,
  busy,
  onAction,
}: {
  endpoint: EndpointRow;
  busy: boolean;
  onAction: (action: EndpointAction) => void;
}) {
  const t = useTranslations("webhooks");
  const format = useFormatter();
  const autoDisabled = !endpoint.enabled && endpoint.disabledReason === "failing";
  return (
    <li
      data-testid="webhook-endpoint"
      data-url={endpoint.url}
      className={cn(
        "grid gap-3 rounded-xl border bg-card p-4 shadow-xs",
        autoDisabled && "border-destructive/40",
        !endpoint.enabled && !autoDisabled && "bg-muted/30",
      )}
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <EndpointStatus endpoint={endpoint} />
            {endpoint.description ? (
              <span className="truncate text-sm font-medium">{endpoint.description}</span>
            ) : null}
          </div>
          <p className="mt-1.5 font-mono text-sm break-all text-foreground/90" data-testid="webhook-url">
            {endpoint.url}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <Button
            variant="outline"
            size="sm"
            className="hidden sm:inline-flex"
            disabled={busy || !endpoint.enabled}
            onClick={() => onAction("test")}
          >
            <SendIcon />
            {t("actions.test")}
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label={t("actions.more")} data-testid="webhook-menu">
                <MoreHorizontalIcon />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem
                className="sm:hidden"
                disabled={!endpoint.enabled}
                onSelect={() => onAction("test")}
              >
                <SendIcon />
                {t("actions.test")}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => onAction("edit")}>
                <PencilIcon />
                {t("actions.edit")}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => onAction("rotate")}>
                <KeyRoundIcon />
                {t("actions.rotate")}
              </DropdownMenuItem>
              {endpoint.enabled ? (
                <DropdownMenuItem onSelect={() => onAction("disable")}>
                  <PowerOffIcon />
                  {t("actions.disable")}
                </DropdownMenuItem>
              ) : (
                <DropdownMenuItem onSelect={() => onAction("enable")}>
                  <PowerIcon />
                  {t("actions.enable")}
                </DropdownMenuItem>
              )}
              <DropdownMenuSeparator />
              <DropdownMenuItem
                className="text-destructive focus:text-destructive"
                onSelect={() => onAction("delete")}
              >
                <Trash2Icon />
                {t("actions.delete")}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </div>

      {autoDisabled ? (
        <div
          role="alert"
          data-testid="webhook-disabled-notice"
          className="flex flex-col gap-3 rounded-lg border border-destructive/30 bg-destructive/5 p-3 text-sm sm:flex-row sm:items-center"
        >
          <AlertTriangleIcon className="hidden size-5 shrink-0 text-destructive sm:block" aria-hidden />
          <p className="flex-1 text-foreground/90">
            {t("disabledNotice", {
              date: endpoint.disabledAt
                ? format.dateTime(endpoint.disabledAt, { dateStyle: "medium", timeStyle: "short" })
                : "",
              pending: endpoint.pending,
            })}
          </p>
          <Button size="sm" disabled={busy} onClick={() => onAction("enable")}>
            <PowerIcon />
            {t("actions.reenable")}
          </Button>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-1.5">
        {endpoint.events.map((e) => (
          <span
            key={e}
            title={e}
            className="rounded-md border bg-background px-2 py-0.5 text-xs text-muted-foreground"
          >
            {t(`events.${eventKey(e)}`)}
          </span>
        ))}
      </div>

      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 border-t pt-3 text-xs sm:grid-cols-4">
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">{t("card.lastSuccess")}</dt>
          <dd>
            <When at={endpoint.lastSuccessAt} />
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">{t("card.failingSince")}</dt>
          <dd>
            <When at={endpoint.failingSince} />
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">{t("card.pending")}</dt>
          <dd className="tabular-nums">
            <button
              type="button"
              className="text-left hover:underline"
              onClick={() => onAction("log")}
              data-testid="webhook-pending"
            >
              {endpoint.pending}
            </button>
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">{t("card.createdBy")}</dt>
          <dd className="truncate">
            {endpoint.createdByName} · {format.dateTime(endpoint.createdAt, { dateStyle: "medium" })}
          </dd>
        </div>
      </dl>
    </li>
  );
}
