import { ArrowRightIcon, WebhookIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { serverApi } from "@/lib/trpc/server";
import { buttonVariants } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";

/** Settings → the Webhooks card (admins): how many endpoints, which need attention, and the way in. */
export async function WebhooksCard() {
  const t = await getTranslations("webhooks.card");
  const endpoints = await (await serverApi()).webhooks.list();
  const off = endpoints.filter((e) => !e.enabled && e.disabledReason === "failing").length;
  return (
    <Card className="xl:col-span-2" id="webhooks">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <WebhookIcon className="size-4 text-muted-foreground" />
          {t("title")}
        </CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center gap-3">
        <Link
          href="/settings/webhooks"
          className={buttonVariants({ variant: "outline" })}
          data-testid="webhooks-link"
        >
          {t("manage")}
          <ArrowRightIcon />
        </Link>
        <span className="text-sm text-muted-foreground">
          {endpoints.length === 0 ? t("none") : t("count", { count: endpoints.length })}
        </span>
        {off > 0 ? (
          <span className="text-sm font-medium text-destructive">{t("turnedOff", { count: off })}</span>
        ) : null}
      </CardContent>
    </Card>
  );
}
