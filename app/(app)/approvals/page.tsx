import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/lib/ui/page-header";
import { ApprovalsInbox } from "./approvals-inbox";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("approvals") };
}

/** The approvals waiting for the signed-in member (the server keeps to the ones they may decide). */
export default async function ApprovalsPage() {
  const t = await getTranslations("approvals");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <ApprovalsInbox />
    </>
  );
}
