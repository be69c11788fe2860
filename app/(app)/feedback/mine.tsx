"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/client";
import { FeedbackEmpty, FeedbackList, FeedbackSkeleton } from "./feedback-list";

/** The member's own feedback and what became of it, the most recently changed first. */
export function MyFeedback() {
  const t = useTranslations("feedback");
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.feedback.mine.infiniteQueryOptions(
      {},
      { getNextPageParam: (last) => last.nextCursor, staleTime: 0, refetchOnWindowFocus: true },
    ),
  );
  if (query.isPending) return <FeedbackSkeleton />;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return <FeedbackEmpty title={t("empty.mine")} hint={t("empty.mineHint")} />;
  return (
    <FeedbackList
      items={items}
      canTriage={false}
      hasMore={query.hasNextPage}
      loadingMore={query.isFetchingNextPage}
      onMore={() => void query.fetchNextPage()}
    />
  );
}
