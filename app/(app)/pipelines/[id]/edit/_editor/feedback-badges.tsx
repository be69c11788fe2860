"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, MessagesSquareIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Dialog as Primitive } from "radix-ui";
import { useCallback, useMemo, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import type { LocalizedText } from "@/workflows/definition/schema";
import { FeedbackList, FeedbackSkeleton } from "@/app/(app)/feedback/feedback-list";
import { useEditorContext } from "./context";

export type StageFeedback = {
  /** Open and accepted feedback per stage key, over every version of the pipeline. */
  counts: Record<string, { open: number; accepted: number }>;
  show: (stageKey: string) => void;
};

/**
 * The editor's view of process feedback: how much is not shipped yet on each stage (the badges on
 * the nodes), and a side panel with that feedback — triaged right there — when a badge is clicked.
 */
export function useStageFeedback(pipelineId: string, names: (key: string) => LocalizedText | null) {
  const trpc = useTRPC();
  const counts = useQuery(
    trpc.feedback.stageCounts.queryOptions({ pipelineId }, { refetchOnWindowFocus: true, staleTime: 30_000 }),
  );
  const [stageKey, setStageKey] = useState<string | null>(null);
  const show = useCallback((key: string) => setStageKey(key), []);
  const feedback = useMemo<StageFeedback>(() => ({ counts: counts.data ?? {}, show }), [counts.data, show]);
  const sheet = (
    <StageFeedbackSheet
      pipelineId={pipelineId}
      stageKey={stageKey}
      name={stageKey ? names(stageKey) : null}
      onClose={() => setStageKey(null)}
    />
  );
  return { feedback, sheet };
}

/** The count of feedback not shipped yet on a node, in its bottom-right corner; opens the panel. */
export function FeedbackBadge({ stageKey, className }: { stageKey: string; className?: string }) {
  const t = useTranslations("feedback");
  const { feedback } = useEditorContext();
  const entry = feedback?.counts[stageKey];
  const count = entry ? entry.open + entry.accepted : 0;
  if (!feedback || count === 0) return null;
  const label = t("badge.label", { open: entry!.open, accepted: entry!.accepted });
  return (
    <button
      type="button"
      title={label}
      aria-label={label}
      data-testid="feedback-badge"
      data-stage={stageKey}
      data-count={count}
      onClick={(e) => {
        e.stopPropagation();
        feedback.show(stageKey);
      }}
      onDoubleClick={(e) => e.stopPropagation()}
      className={cn(
        "nodrag nopan pointer-events-auto absolute inline-flex h-5 min-w-5 cursor-pointer items-center justify-center gap-0.5 rounded-full bg-[oklch(0.5_0.17_285)] px-1.5 text-[11px] font-semibold text-white shadow-sm ring-2 ring-card transition-transform hover:scale-110 focus-visible:outline-none focus-visible:ring-ring",
        className ?? "-right-2 -bottom-2",
      )}
    >
      <MessagesSquareIcon className="size-3" aria-hidden />
      {count}
    </button>
  );
}

function StageFeedbackSheet({
  pipelineId,
  stageKey,
  name,
  onClose,
}: {
  pipelineId: string;
  stageKey: string | null;
  name: LocalizedText | null;
  onClose: () => void;
}) {
  const t = useTranslations("feedback");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.feedback.inbox.infiniteQueryOptions(
      { pipelineId, stageKey: stageKey ?? undefined, statuses: ["open", "accepted"] },
      { getNextPageParam: (last) => last.nextCursor, enabled: !!stageKey, staleTime: 0 },
    ),
  );
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const stage = name ? localized(name, locale) : (stageKey ?? "");
  return (
    <Primitive.Root open={!!stageKey} onOpenChange={(o) => !o && onClose()}>
      <Primitive.Portal>
        <Primitive.Overlay className="fixed inset-0 z-50 bg-black/30" />
        <Primitive.Content
          data-testid="stage-feedback-sheet"
          className="fixed inset-y-0 right-0 z-50 flex w-[480px] max-w-[94vw] flex-col border-l bg-background shadow-xl data-[state=open]:animate-in data-[state=open]:slide-in-from-right"
        >
          <div className="flex h-14 shrink-0 items-center justify-between gap-2 border-b bg-card px-4">
            <Primitive.Title className="truncate text-sm font-semibold">
              {t("badge.sheetTitle", { stage })}
            </Primitive.Title>
            <Primitive.Close asChild>
              <Button variant="ghost" size="icon" className="size-8" aria-label={tc("close")}>
                <XIcon />
              </Button>
            </Primitive.Close>
          </div>
          <Primitive.Description className="border-b bg-card px-4 py-2 text-xs text-muted-foreground">
            {t("badge.sheetHint")}
          </Primitive.Description>
          <div className="min-h-0 flex-1 overflow-y-auto p-3">
            {query.isPending ? (
              <FeedbackSkeleton />
            ) : items.length === 0 ? (
              <p className="px-2 py-10 text-center text-sm text-muted-foreground">{t("badge.empty")}</p>
            ) : (
              <FeedbackList
                items={items}
                canTriage
                compact
                hasMore={query.hasNextPage}
                loadingMore={query.isFetchingNextPage}
                onMore={() => void query.fetchNextPage()}
              />
            )}
          </div>
          <div className="border-t bg-card p-2">
            <Link
              href={`/feedback?pipeline=${pipelineId}&stage=${stageKey ?? ""}&status=all`}
              className="flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium text-primary hover:bg-accent"
              data-testid="stage-feedback-inbox"
            >
              {t("badge.openInbox")}
              <ArrowRightIcon className="size-4" aria-hidden />
            </Link>
          </div>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
