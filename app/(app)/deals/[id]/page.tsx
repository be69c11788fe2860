import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverApi } from "@/lib/trpc/server";
import { DealView } from "./deal-view";
import { FeedbackLauncher } from "./feedback-launcher";

type Props = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The deal and its form, once per request (metadata and page share it); null when not visible. */
const loadDeal = cache(async (dealId: string) => {
  if (!UUID.test(dealId)) return null;
  const api = await serverApi();
  try {
    const [deal, form] = await Promise.all([api.deals.get({ dealId }), api.deals.form({ dealId })]);
    return { deal, form };
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") return null;
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadDeal((await params).id);
  return { title: loaded?.deal.deal.title ?? (await getTranslations("nav"))("deals") };
}

export default async function DealPage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadDeal(id);
  if (!loaded) notFound();
  return (
    <FeedbackLauncher dealId={id}>
      <DealView dealId={id} initialDeal={loaded.deal} initialForm={loaded.form} />
    </FeedbackLauncher>
  );
}
