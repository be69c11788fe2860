import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/lib/ui/page-header";
import { DealsBrowser } from "./deals-browser";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("deals") };
}

export default async function DealsPage() {
  const t = await getTranslations("deals");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <DealsBrowser />
    </>
  );
}
