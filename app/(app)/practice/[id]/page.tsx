import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { PracticeDealView } from "./practice-deal-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("practice"))("pageTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One practice deal: the stage, its actions with their reasons, the fields, the practice clock. */
export default async function PracticeDealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const api = await serverApi();
  const deal = await api.practice.get({ id }).catch(() => null);
  if (!deal) notFound();
  return <PracticeDealView initial={deal} />;
}
