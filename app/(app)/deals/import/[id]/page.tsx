import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ArrowLeftIcon } from "lucide-react";
import { serverApi } from "@/lib/trpc/server";
import { Button } from "@/lib/ui/button";
import { ImportWizard } from "./import-wizard";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

/** One import: map its columns and values, check it, run it and follow its progress. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations("imports");
  const me = await (await serverApi()).me.get();
  const role = me.activeCompany?.role;
  if ((role !== "admin" && role !== "manager") || !UUID.test(id)) notFound();
  return (
    <>
      <div className="mb-4">
        <Button variant="ghost" size="sm" asChild className="-ml-2">
          <Link href="/deals/import">
            <ArrowLeftIcon />
            {t("allImports")}
          </Link>
        </Button>
      </div>
      <ImportWizard importId={id} />
    </>
  );
}
