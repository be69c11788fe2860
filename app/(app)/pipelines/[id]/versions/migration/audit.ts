"use client";

import { ArrowRightLeftIcon, CircleCheckIcon, Undo2Icon, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { AuditRow } from "../types";

type MigrationAction = Extract<AuditRow["action"], `migration${string}`>;

/** The audit log's icons for migration entries. */
export const MIGRATION_AUDIT_ICONS: Record<MigrationAction, LucideIcon> = {
  migrationStarted: ArrowRightLeftIcon,
  migrationFinished: CircleCheckIcon,
  migrationRolledBack: Undo2Icon,
};

type Details = {
  from?: { number: number };
  total?: number;
  migrated?: number;
  restored?: number;
  viaRollout?: boolean;
  cancelled?: boolean;
};

/** The audit log's sentence for a migration entry (the entry's version is the migration's target). */
export function useMigrationAuditSentence() {
  const t = useTranslations("migrations.audit");
  const tv = useTranslations("versions.audit");
  return (e: AuditRow) => {
    const d = (e.details ?? {}) as Details;
    const name = e.actor?.name || tv("someone");
    const values = { name, number: e.versionNumber, from: d.from?.number ?? "?" };
    switch (e.action as MigrationAction) {
      case "migrationStarted":
        return t(d.viaRollout ? "startedRollout" : "started", { ...values, total: d.total ?? 0 });
      case "migrationFinished":
        return d.cancelled
          ? t("cancelled", { ...values, migrated: d.migrated ?? 0 })
          : t("finished", { ...values, migrated: d.migrated ?? 0 });
      case "migrationRolledBack":
        return t("rolledBack", { ...values, restored: d.restored ?? 0 });
    }
  };
}
