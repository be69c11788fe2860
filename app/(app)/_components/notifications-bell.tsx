"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRightIcon, BellIcon, CheckCheckIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Popover } from "radix-ui";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  NotificationItem,
  NotificationsEmpty,
  NotificationsSkeleton,
  type NotificationRow,
} from "./notifications-list";

/** How often the unread count is asked for while the page is open. */
const POLL_MS = 30_000;

/**
 * The bell in the header: the unread count on it (polled, and fresh on focus), and the latest
 * notifications under it. Opening one marks it read and goes to its deal.
 */
export function NotificationsBell({ showApprovals = false }: { showApprovals?: boolean }) {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);

  const countQuery = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      refetchInterval: POLL_MS,
      refetchOnWindowFocus: true,
      staleTime: 0,
    }),
  );
  const count = countQuery.data ?? 0;
  const listQuery = useQuery(
    trpc.notifications.list.queryOptions(undefined, {
      enabled: open,
      staleTime: 0,
      refetchInterval: open ? POLL_MS : false,
    }),
  );
  const listKey = trpc.notifications.list.queryKey();

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: ({ ids }) => {
        const now = new Date();
        const read = (n: NotificationRow) =>
          !ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n;
        queryClient.setQueryData(listKey, (old) => old?.map(read));
        queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), (old) =>
          ids ? Math.max(0, (old ?? 0) - ids.length) : 0,
        );
      },
      onError: (e) => toast.error(errorMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );

  function openItem(item: NotificationRow) {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] });
    setOpen(false);
    if (item.kind === "feedback") router.push("/feedback?tab=mine");
    else if (item.dealId) router.push(`/deals/${item.dealId}`);
    else if (item.kind === "webhookDisabled") router.push("/settings/webhooks");
  }

  const items = listQuery.data ?? [];
  const unreadShown = items.some((n) => n.readAt === null) || count > 0;

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={t("open", { count })}
          data-testid="notifications-bell"
        >
          <BellIcon className={cn(count > 0 && "text-foreground")} />
          {count > 0 ? (
            <span
              aria-hidden
              data-testid="notifications-count"
              className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white tabular-nums ring-2 ring-card"
            >
              {count > 99 ? "99+" : count}
            </span>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={8}
          collisionPadding={12}
          aria-label={t("title")}
          data-testid="notifications-panel"
          className="z-50 flex max-h-[min(32rem,calc(100dvh-5rem))] w-[min(24rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-xl border bg-popover text-popover-foreground shadow-lg data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:zoom-in-95"
        >
          <div className="flex items-center gap-2 border-b px-4 py-3">
            <h2 className="text-sm font-semibold">{t("title")}</h2>
            {count > 0 ? (
              <span className="rounded-full bg-primary/10 px-2 py-0.5 text-xs font-medium text-primary">
                {t("newCount", { count })}
              </span>
            ) : null}
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto -mr-2 text-primary hover:text-primary"
              disabled={!unreadShown || markRead.isPending}
              onClick={() => markRead.mutate({})}
              data-testid="notifications-mark-all"
            >
              <CheckCheckIcon />
              {t("markAllRead")}
            </Button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
            {listQuery.isPending ? (
              <NotificationsSkeleton />
            ) : items.length === 0 ? (
              <NotificationsEmpty />
            ) : (
              <ul className="grid gap-0.5 p-1.5">
                {items.map((item) => (
                  <NotificationItem key={item.id} item={item} onOpen={openItem} />
                ))}
              </ul>
            )}
          </div>
          {showApprovals ? (
            <div className="border-t p-1.5">
              <Link
                href="/approvals"
                onClick={() => setOpen(false)}
                className="flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium text-primary transition-colors hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
              >
                {t("viewApprovals")}
                <ArrowRightIcon className="size-4" aria-hidden />
              </Link>
            </div>
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
