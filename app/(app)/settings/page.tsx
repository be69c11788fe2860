import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { PageHeader } from "@/lib/ui/page-header";
import { ChangePasswordForm } from "@/app/_components/change-password-form";
import Link from "next/link";
import { ApiKeys } from "./api-keys";
import { ArchiveCard } from "./archive-card";
import { WebhooksCard } from "./webhooks-card";
import { CompanyForm } from "./company-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("settings") };
}

export default async function SettingsPage() {
  const t = await getTranslations("settings");
  const ti = await getTranslations("imports");
  const api = await serverApi();
  const [me, company] = await Promise.all([api.me.get(), api.company.get()]);
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("profile")}</CardTitle>
            <CardDescription>{me.email}</CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm name={me.name} locale={me.locale} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("password")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm />
          </CardContent>
        </Card>
        {me.activeCompany?.role === "admin" ? (
          <Card className="xl:col-span-2">
            <CardHeader>
              <CardTitle>{t("company")}</CardTitle>
              <CardDescription>{t("companyHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              <CompanyForm
                company={{
                  name: company.name,
                  nameEn: company.nameEn ?? "",
                  repsSeeTeamDeals: company.settings.repsSeeTeamDeals ?? false,
                  anonymousFeedback: company.settings.anonymousFeedback ?? false,
                }}
              />
            </CardContent>
          </Card>
        ) : null}
        {me.activeCompany?.role === "admin" ? (
          <Card className="xl:col-span-2" id="api-keys">
            <CardHeader>
              <CardTitle>{t("apiKeys.title")}</CardTitle>
              <CardDescription>
                {t("apiKeys.hint")}{" "}
                <Link href="/developers" className="font-medium text-primary hover:underline">
                  {t("apiKeys.reference")}
                </Link>
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ApiKeys />
            </CardContent>
          </Card>
        ) : null}
        {me.activeCompany?.role === "admin" ? (
          <Card className="xl:col-span-2" id="data">
            <CardHeader>
              <CardTitle>{ti("archive.cardTitle")}</CardTitle>
              <CardDescription>{ti("archive.cardHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              <ArchiveCard />
            </CardContent>
          </Card>
        ) : null}
        {me.activeCompany?.role === "admin" ? <WebhooksCard /> : null}
      </div>
    </>
  );
}
