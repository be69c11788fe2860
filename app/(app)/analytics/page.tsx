import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { serverApi } from "@/lib/trpc/server";
import { AnalyticsDashboard } from "./dashboard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("analytics") };
}

/** Funnel, time in stage, bottlenecks, win rate and forecast over the deals the member may see. */
export default async function AnalyticsPage() {
  const me = await (await serverApi()).me.get();
  return (
    <Suspense>
      <AnalyticsDashboard role={me.activeCompany?.role ?? "rep"} />
    </Suspense>
  );
}
