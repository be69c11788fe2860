"use client";

import { ArrowRightLeftIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/lib/ui/button";

/**
 * In the rollout dialog, when the published version still has open deals: the way to roll out
 * with them (the migration dialog: stage mapping, dry run, then rollout and migration together).
 */
export function RolloutMigrateOption({
  number,
  previous,
  open,
  onMigrate,
}: {
  number: number;
  previous: number;
  open: number;
  onMigrate: () => void;
}) {
  const t = useTranslations("migrations.entry");
  return (
    <div
      className="grid gap-2 rounded-lg border border-primary/30 bg-primary/5 p-3"
      data-testid="rollout-migrate"
    >
      <p className="text-sm">{t("rolloutHint", { number, previous, open })}</p>
      <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={onMigrate}>
        <ArrowRightLeftIcon />
        {t("rollout")}
      </Button>
    </div>
  );
}
