"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { localized } from "@/lib/i18n/localized";
import { FEEDBACK_STATUSES, type FeedbackStatus } from "@/lib/feedback/status";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { FeedbackEmpty, FeedbackList, FeedbackSkeleton } from "./feedback-list";
import { parseView, viewHref, type FeedbackView } from "./url-state";

const ALL = "all";

/**
 * The company's feedback for admins, trainers (who triage it) and managers (who read it):
 * filtered by pipeline, stage and status — kept in the URL — with the count of each status.
 */
export function FeedbackInbox({ canTriage }: { canTriage: boolean }) {
  const t = useTranslations("feedback");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const view = parseView(new URLSearchParams(params.toString()), true);
  const set = (patch: Partial<FeedbackView>) =>
    router.replace(viewHref({ ...view, ...patch }), { scroll: false });

  const filters = useQuery(trpc.feedback.filters.queryOptions());
  const pipelines = filters.data ?? [];
  // One pipeline: its stages are the stage filter without picking it first.
  const pipeline =
    pipelines.find((p) => p.id === view.pipelineId) ?? (pipelines.length === 1 ? pipelines[0] : null);
  const stages = pipeline?.stages ?? [];
  const input = {
    pipelineId: view.pipelineId || undefined,
    stageKey: view.stageKey || undefined,
    statuses: view.status === "all" ? undefined : [view.status],
  };
  const query = useInfiniteQuery(
    trpc.feedback.inbox.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor,
      staleTime: 0,
      refetchOnWindowFocus: true,
    }),
  );
  const counts = query.data?.pages[0]?.counts;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = counts ? FEEDBACK_STATUSES.reduce((n, s) => n + counts[s], 0) : null;
  const filtered = !!(view.pipelineId || view.stageKey);

  return (
    <div className="grid min-w-0 grid-cols-1 gap-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div
          role="tablist"
          aria-label={t("statusFilter")}
          className="-mx-3 flex gap-1 overflow-x-auto px-3 pb-1 sm:mx-0 sm:px-0 sm:pb-0"
          data-testid="feedback-status-tabs"
        >
          {[...FEEDBACK_STATUSES, ALL].map((s) => {
            const active = view.status === s;
            const n = counts ? (s === ALL ? total : counts[s as FeedbackStatus]) : null;
            return (
              <button
                key={s}
                type="button"
                role="tab"
                aria-selected={active}
                onClick={() => set({ status: s as FeedbackView["status"] })}
                data-testid={`feedback-tab-${s}`}
                className={cn(
                  "inline-flex h-9 shrink-0 items-center gap-2 rounded-full border px-3.5 text-sm font-medium transition-colors",
                  active
                    ? "border-primary bg-primary text-primary-foreground shadow-sm"
                    : "bg-card text-muted-foreground hover:border-primary/40 hover:text-foreground",
                )}
              >
                {s === ALL ? t("statusAll") : t(`status.${s as FeedbackStatus}`)}
                <span
                  className={cn(
                    "min-w-5 rounded-full px-1.5 text-xs tabular-nums",
                    active ? "bg-white/20" : "bg-muted text-foreground/70",
                  )}
                  data-testid="feedback-tab-count"
                >
                  {n ?? "·"}
                </span>
              </button>
            );
          })}
        </div>
        <div className="grid grid-cols-2 gap-2 sm:flex sm:items-center">
          <Select
            value={view.pipelineId || ALL}
            onValueChange={(v) => set({ pipelineId: v === ALL ? "" : v, stageKey: "" })}
          >
            <SelectTrigger
              className="min-w-0 text-left sm:w-52 [&>span]:truncate"
              aria-label={t("filters.pipeline")}
              data-testid="feedback-filter-pipeline"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("filters.allPipelines")}</SelectItem>
              {pipelines.map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {localized(p.name, locale)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select
            value={view.stageKey || ALL}
            onValueChange={(v) => set({ stageKey: v === ALL ? "" : v })}
            disabled={!stages.length && !view.stageKey}
          >
            <SelectTrigger
              className="min-w-0 text-left sm:w-44 [&>span]:truncate"
              aria-label={t("filters.stage")}
              data-testid="feedback-filter-stage"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("filters.allStages")}</SelectItem>
              {view.stageKey && !stages.some((s) => s.key === view.stageKey) ? (
                <SelectItem value={view.stageKey}>{view.stageKey}</SelectItem>
              ) : null}
              {stages.map((s) => (
                <SelectItem key={s.key} value={s.key}>
                  {localized(s.name, locale)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {filtered ? (
            <Button
              variant="ghost"
              size="sm"
              className="col-span-2 justify-self-start text-muted-foreground"
              onClick={() => set({ pipelineId: "", stageKey: "" })}
            >
              <XIcon />
              {t("filters.clear")}
            </Button>
          ) : null}
        </div>
      </div>
      {!canTriage ? <p className="text-sm text-muted-foreground">{t("triage.readOnly")}</p> : null}
      {query.isPending ? (
        <FeedbackSkeleton />
      ) : items.length === 0 ? (
        <FeedbackEmpty
          title={t("empty.inbox")}
          hint={filtered || view.status !== "all" ? t("empty.inboxFiltered") : t("empty.inboxHint")}
        />
      ) : (
        <FeedbackList
          items={items}
          canTriage={canTriage}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onMore={() => void query.fetchNextPage()}
        />
      )}
    </div>
  );
}
