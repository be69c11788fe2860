import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { PageHeader } from "@/lib/ui/page-header";
import { ViewSwitch } from "./board/view-switch";
import { DealsBrowser } from "./deals-browser";
import { NewDealButton } from "./new-deal-dialog";
import Link from "next/link";
import { UploadIcon } from "lucide-react";
import { Button } from "@/lib/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("deals") };
}

export default async function DealsPage() {
  const t = await getTranslations("deals");
  const ti = await getTranslations("imports");
  const me = await (await serverApi()).me.get();
  // The layout shows no page without an active company.
  const role = me.activeCompany?.role ?? "rep";
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <>
            <ViewSwitch current="list" />
            {role === "admin" || role === "manager" ? (
              <Button variant="outline" asChild>
                <Link href="/deals/import" data-testid="import-deals">
                  <UploadIcon />
                  {ti("button")}
                </Link>
              </Button>
            ) : null}
            <NewDealButton role={role} />
          </>
        }
      />
      <DealsBrowser role={role} />
    </>
  );
}
