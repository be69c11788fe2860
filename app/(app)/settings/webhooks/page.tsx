import type { Metadata } from "next";
import { ArrowLeftIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { serverApi } from "@/lib/trpc/server";
import { PageHeader } from "@/lib/ui/page-header";
import { WebhooksView } from "./webhooks-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

/** Settings → Webhooks (admins): endpoints, their deliveries, resends. */
export default async function WebhooksPage() {
  const t = await getTranslations("webhooks");
  const me = await (await serverApi()).me.get();
  if (me.activeCompany?.role !== "admin") redirect("/settings");
  return (
    <>
      <Link
        href="/settings"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" />
        {t("backToSettings")}
      </Link>
      <PageHeader
        title={t("title")}
        description={
          <>
            {t("subtitle")}{" "}
            <Link href="/developers#webhooks" className="font-medium text-primary hover:underline">
              {t("docsLink")}
            </Link>
          </>
        }
      />
      <WebhooksView />
    </>
  );
}
