import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { PageHeader } from "@/lib/ui/page-header";
import { FeedbackView } from "./feedback-view";
import { SendFeedbackButton } from "./send-feedback-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("feedback") };
}

const INBOX = new Set(["admin", "trainer", "manager"]);
const TRIAGE = new Set(["admin", "trainer"]);

/**
 * Process feedback (流程反馈): the inbox for admins and trainers (who triage) and managers (who
 * read), and everyone's own feedback with what became of it.
 */
export default async function FeedbackPage() {
  const t = await getTranslations("feedback");
  const api = await serverApi();
  const me = await api.me.get();
  const role = me.activeCompany?.role ?? "rep";
  const inbox = INBOX.has(role);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={inbox ? t("subtitle") : t("subtitleMine")}
        actions={<SendFeedbackButton />}
      />
      <FeedbackView canReadInbox={inbox} canTriage={TRIAGE.has(role)} />
    </>
  );
}
