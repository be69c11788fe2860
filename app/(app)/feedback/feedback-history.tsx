"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, Loader2Icon, SendIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/client";
import { FeedbackStatusBadge } from "./status-badge";
import type { FeedbackItem } from "./types";

/** What happened to one piece of feedback: sent, then each change of status with who, when and the note. */
export function FeedbackHistory({ item }: { item: FeedbackItem }) {
  const t = useTranslations("feedback");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery(trpc.feedback.get.queryOptions({ feedbackId: item.id }, { staleTime: 0 }));
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const sender = item.mine ? t("card.you") : item.author ? item.author.name : t("card.anonymous");

  return (
    <ol className="grid gap-3 border-t pt-3 text-xs" data-testid="feedback-history">
      <li className="flex gap-2.5">
        <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <SendIcon className="size-3" aria-hidden />
        </span>
        <span className="min-w-0">
          <span className="font-medium text-foreground">{t("card.historySent")}</span>
          <span className="text-muted-foreground">
            {" "}
            · {sender} · {when(item.createdAt)}
          </span>
        </span>
      </li>
      {query.isPending ? (
        <li className="flex items-center gap-2 text-muted-foreground">
          <Loader2Icon className="size-3.5 animate-spin" aria-hidden />
          {t("card.loading")}
        </li>
      ) : (query.data?.history.length ?? 0) === 0 ? (
        <li className="pl-7 text-muted-foreground">{t("card.historyEmpty")}</li>
      ) : (
        query.data!.history.map((h) => (
          <li key={h.id} className="flex gap-2.5" data-testid="feedback-history-item">
            <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary">
              <ArrowRightIcon className="size-3" aria-hidden />
            </span>
            <span className="grid min-w-0 gap-1">
              <span className="flex flex-wrap items-center gap-1.5">
                <FeedbackStatusBadge status={h.from} className="opacity-70" />
                <ArrowRightIcon className="size-3 text-muted-foreground" aria-hidden />
                <FeedbackStatusBadge status={h.to} />
                {h.shippedNumber !== null ? (
                  <span className="font-medium tabular-nums">
                    {t("card.historyShipped", { number: h.shippedNumber })}
                  </span>
                ) : null}
              </span>
              <span className="text-muted-foreground">
                {h.actorName} · {when(h.at)}
              </span>
              {h.note ? (
                <span className="break-words whitespace-pre-line text-foreground/90">{h.note}</span>
              ) : null}
            </span>
          </li>
        ))
      )}
    </ol>
  );
}
