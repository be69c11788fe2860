"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/client";

/** How much feedback waits to be triaged, beside the navigation's Feedback entry (admins and trainers). */
export function FeedbackNavCount() {
  const t = useTranslations("feedback");
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.feedback.openCount.queryOptions(undefined, {
      refetchInterval: 60_000,
      refetchOnWindowFocus: true,
      staleTime: 0,
    }),
  );
  const count = data ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="nav-feedback-count"
      title={t("navCount", { count })}
      className="ml-auto flex h-5 min-w-5 items-center justify-center rounded-full bg-white/15 px-1.5 text-[11px] font-semibold text-white tabular-nums"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}
