"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/lib/ui/button";

/** Shown to a signed-in person with no active membership left (e.g. deactivated meanwhile). */
export function NoCompany() {
  const t = useTranslations("company");
  return (
    <div className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-sm text-center">
        <h1 className="text-xl font-semibold">{t("noneTitle")}</h1>
        <p className="mt-2 text-sm text-muted-foreground">{t("noneBody")}</p>
        <Button className="mt-6" onClick={() => void signOut({ callbackUrl: "/signin" })}>
          {t("signOut")}
        </Button>
      </div>
    </div>
  );
}
