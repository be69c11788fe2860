import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/server/auth/session";
import { ChangePasswordForm } from "@/app/_components/change-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("changePassword") };
}

/** Where a user who signed in with a one-time password must choose their own. */
export default async function ChangePasswordPage() {
  if (!(await getSessionUser())) redirect("/signin");
  const t = await getTranslations("auth");
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("changePassword")}</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">{t("mustChangePassword")}</p>
      <ChangePasswordForm redirectTo="/" />
    </div>
  );
}
