import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { serverApi } from "@/lib/trpc/server";
import { PageHeader } from "@/lib/ui/page-header";
import { TeamsSection } from "./teams-section";
import { UsersSection } from "./users-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("team") };
}

export default async function TeamPage() {
  const t = await getTranslations("team");
  const me = await (await serverApi()).me.get();
  const role = me.activeCompany?.role;
  if (role !== "admin" && role !== "manager") redirect("/");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="grid gap-8">
        <UsersSection isAdmin={role === "admin"} currentUserId={me.id} />
        <TeamsSection />
      </div>
    </>
  );
}
