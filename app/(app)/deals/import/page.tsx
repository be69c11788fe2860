import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ArrowLeftIcon } from "lucide-react";
import { serverApi } from "@/lib/trpc/server";
import { PageHeader } from "@/lib/ui/page-header";
import { Button } from "@/lib/ui/button";
import { ImportStart } from "./import-start";
import { RecentImports } from "./recent-imports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

/** Deals → Import: upload a CSV or XLSX file into a pipeline (managers and admins). */
export default async function ImportPage() {
  const t = await getTranslations("imports");
  const me = await (await serverApi()).me.get();
  const role = me.activeCompany?.role;
  if (role !== "admin" && role !== "manager") notFound();
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <Button variant="outline" asChild>
            <Link href="/deals">
              <ArrowLeftIcon />
              {t("backToDeals")}
            </Link>
          </Button>
        }
      />
      <div className="grid gap-6">
        <ImportStart />
        <RecentImports />
      </div>
    </>
  );
}
