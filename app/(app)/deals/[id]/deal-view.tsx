"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useTRPC } from "@/lib/trpc/client";
import { CommentBox } from "./comment-box";
import { DealActions } from "./deal-actions";
import { DealHeader } from "./deal-header";
import { FieldsPanel } from "./fields-panel";
import { NextStep } from "./next-step";
import { ReopenButton } from "./reopen-button";
import { StagePanel } from "./stage-panel";
import { Timeline } from "./timeline";
import type { DealData, DealForm } from "./types";

/**
 * The deal page: who and how much up top with the stage path, then what to do now (actions and
 * the current stage's guidance), the deal's fields, and its history. The server renders it with
 * the first data; queries keep it fresh after each action.
 */
export function DealView({
  dealId,
  initialDeal,
  initialForm,
}: {
  dealId: string;
  initialDeal: DealData;
  initialForm: DealForm;
}) {
  const t = useTranslations("dealPage");
  const trpc = useTRPC();
  const { data: deal } = useQuery({
    ...trpc.deals.get.queryOptions({ dealId }),
    initialData: initialDeal,
  });
  const { data: form } = useQuery({
    ...trpc.deals.form.queryOptions({ dealId }),
    initialData: initialForm,
  });

  return (
    <div className="grid min-w-0 gap-6" data-testid="deal-page">
      <Link
        href="/deals"
        className="inline-flex w-fit items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" />
        {t("back")}
      </Link>
      <DealHeader deal={deal} form={form} />
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <NextStep key={deal.deal.version} deal={deal} />
        </div>
        <ReopenButton deal={deal} form={form} />
      </div>
      <div className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="grid min-w-0 content-start gap-6">
          <DealActions deal={deal} form={form} />
          <StagePanel deal={deal} form={form} />
          <FieldsPanel deal={deal} form={form} />
        </div>
        <div className="grid min-w-0 content-start gap-6">
          <CommentBox dealId={dealId} />
          <Timeline deal={deal} form={form} />
        </div>
      </div>
    </div>
  );
}
