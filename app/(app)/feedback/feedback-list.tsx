"use client";

import { Loader2Icon, MessagesSquareIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { FeedbackStatus } from "@/lib/feedback/status";
import { Button } from "@/lib/ui/button";
import { Card } from "@/lib/ui/card";
import { FeedbackCard } from "./feedback-card";
import { TriageDialog } from "./triage-dialog";
import type { FeedbackItem } from "./types";

/** A list of feedback cards with "show more", and (for triagers) the triage dialog. */
export function FeedbackList({
  items,
  canTriage,
  hasMore,
  loadingMore,
  onMore,
  compact,
}: {
  items: FeedbackItem[];
  canTriage: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  compact?: boolean;
}) {
  const t = useTranslations("feedback");
  const [triaging, setTriaging] = useState<{ item: FeedbackItem; to: FeedbackStatus } | null>(null);
  return (
    <>
      <ul className="grid min-w-0 grid-cols-1 gap-3" data-testid="feedback-list">
        {items.map((item) => (
          <li key={item.id}>
            <FeedbackCard
              item={item}
              compact={compact}
              onTriage={canTriage ? (i, to) => setTriaging({ item: i, to }) : undefined}
            />
          </li>
        ))}
      </ul>
      {hasMore ? (
        <div className="mt-4 flex justify-center">
          <Button variant="outline" onClick={onMore} disabled={loadingMore} data-testid="feedback-more">
            {loadingMore ? <Loader2Icon className="animate-spin" /> : null}
            {t("more")}
          </Button>
        </div>
      ) : null}
      {triaging ? (
        <TriageDialog item={triaging.item} to={triaging.to} onClose={() => setTriaging(null)} />
      ) : null}
    </>
  );
}

export function FeedbackEmpty({ title, hint }: { title: string; hint?: ReactNode }) {
  return (
    <Card className="flex flex-col items-center px-6 py-14 text-center" data-testid="feedback-empty">
      <span className="mb-4 flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
        <MessagesSquareIcon className="size-5" aria-hidden />
      </span>
      <h2 className="text-base font-semibold">{title}</h2>
      {hint ? <p className="mt-1.5 max-w-sm text-sm text-muted-foreground">{hint}</p> : null}
    </Card>
  );
}

export function FeedbackSkeleton() {
  return (
    <div className="grid gap-3" aria-busy>
      {[0, 1, 2].map((i) => (
        <Card key={i} className="grid gap-3 p-5">
          <div className="flex gap-2">
            <div className="h-5 w-16 animate-pulse rounded bg-muted" />
            <div className="h-5 w-24 animate-pulse rounded bg-muted" />
          </div>
          <div className="h-4 w-4/5 animate-pulse rounded bg-muted" />
          <div className="h-3 w-1/3 animate-pulse rounded bg-muted" />
        </Card>
      ))}
    </div>
  );
}
