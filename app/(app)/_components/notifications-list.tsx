"use client";

import {
  AtSignIcon,
  AlarmClockIcon,
  CheckCheckIcon,
  MegaphoneIcon,
  MessagesSquareIcon,
  ShieldAlertIcon,
  ShieldCheckIcon,
  SirenIcon,
  UserPlusIcon,
  WebhookOffIcon,
  type LucideIcon,
} from "lucide-react";
import { useFormatter, useLocale, useNow, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";

export type NotificationKind =
  | "assigned"
  | "approvalRequested"
  | "approvalDecided"
  | "timeLimit"
  | "escalation"
  | "mention"
  | "notify"
  | "webhookDisabled"
  | "feedback";

export type NotificationRow = {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  dealId: string | null;
  dealTitle: string | null;
  readAt: Date | null;
  createdAt: Date;
};

const KINDS: Record<NotificationKind, { icon: LucideIcon; tone: string }> = {
  assigned: { icon: UserPlusIcon, tone: "bg-primary/10 text-primary" },
  approvalRequested: { icon: ShieldAlertIcon, tone: "bg-warning/20 text-[oklch(0.45_0.1_70)]" },
  approvalDecided: { icon: ShieldCheckIcon, tone: "bg-success/15 text-[oklch(0.42_0.12_155)]" },
  timeLimit: { icon: AlarmClockIcon, tone: "bg-destructive/10 text-destructive" },
  escalation: { icon: SirenIcon, tone: "bg-destructive/10 text-destructive" },
  mention: { icon: AtSignIcon, tone: "bg-primary/10 text-primary" },
  notify: { icon: MegaphoneIcon, tone: "bg-secondary text-secondary-foreground" },
  webhookDisabled: { icon: WebhookOffIcon, tone: "bg-destructive/10 text-destructive" },
  feedback: { icon: MessagesSquareIcon, tone: "bg-primary/10 text-primary" },
};

const isKind = (kind: string): kind is NotificationKind => kind in KINDS;

/** One notification: what happened (icon per kind), about which deal, how long ago, read or not. */
export function NotificationItem({
  item,
  onOpen,
}: {
  item: NotificationRow;
  onOpen: (item: NotificationRow) => void;
}) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const locale = useLocale();
  const now = useNow({ updateInterval: 30_000 });
  const kind = isKind(item.kind) ? item.kind : "notify";
  const { icon: Icon, tone } = KINDS[kind];
  const unread = item.readAt === null;
  // A notification written a moment ago must not read "in 1 second" on a slow clock.
  const at = item.createdAt > now ? now : item.createdAt;
  return (
    <li>
      <button
        type="button"
        onClick={() => onOpen(item)}
        data-testid="notification"
        data-kind={kind}
        data-unread={unread}
        className={cn(
          "group flex w-full items-start gap-3 rounded-lg px-3 py-2.5 text-left transition-colors hover:bg-accent focus-visible:bg-accent focus-visible:outline-none",
          unread && "bg-primary/[0.04]",
        )}
      >
        <span className={cn("mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full", tone)}>
          <Icon className="size-4" aria-hidden />
        </span>
        <span className="min-w-0 flex-1">
          <span className="sr-only">{t(`kind.${kind}`)}: </span>
          <span
            className={cn(
              "line-clamp-2 text-sm leading-snug",
              unread ? "font-medium text-foreground" : "text-foreground/80",
            )}
          >
            {localized(item.title, locale)}
          </span>
          <span className="mt-0.5 flex items-center gap-1.5 text-xs text-muted-foreground">
            {item.dealTitle ? <span className="min-w-0 truncate">{item.dealTitle}</span> : null}
            {item.dealTitle ? <span aria-hidden>·</span> : null}
            <time
              className="shrink-0"
              dateTime={item.createdAt.toISOString()}
              title={format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
            >
              {format.relativeTime(at, now)}
            </time>
          </span>
        </span>
        {unread ? (
          <span className="mt-2 size-2 shrink-0 rounded-full bg-primary" data-testid="notification-unread">
            <span className="sr-only">{t("unread")}</span>
          </span>
        ) : null}
      </button>
    </li>
  );
}

/** Nothing to show: a calm bell, and what will show up here. */
export function NotificationsEmpty() {
  const t = useTranslations("notifications");
  return (
    <div className="flex flex-col items-center px-6 py-10 text-center" data-testid="notifications-empty">
      <span className="mb-3 flex size-11 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <CheckCheckIcon className="size-5" aria-hidden />
      </span>
      <p className="text-sm font-medium">{t("empty")}</p>
      <p className="mt-1 max-w-64 text-xs text-muted-foreground">{t("emptyHint")}</p>
    </div>
  );
}

/** While the first page of notifications loads. */
export function NotificationsSkeleton() {
  return (
    <ul className="grid gap-1 p-1" aria-busy>
      {[0, 1, 2].map((i) => (
        <li key={i} className="flex items-start gap-3 px-3 py-2.5">
          <span className="size-8 shrink-0 animate-pulse rounded-full bg-muted" />
          <span className="grid flex-1 gap-1.5 pt-0.5">
            <span className="h-3.5 w-4/5 animate-pulse rounded bg-muted" />
            <span className="h-3 w-1/2 animate-pulse rounded bg-muted" />
          </span>
        </li>
      ))}
    </ul>
  );
}
