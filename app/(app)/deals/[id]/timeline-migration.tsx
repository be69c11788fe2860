"use client";

import { ArrowRightIcon, ArrowRightLeftIcon, Undo2Icon, type LucideIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import type { DealEvent, DealForm } from "./types";

/** A deal moved to another version by a migration, or back by its rollback. */
export const isMigrationEvent = (e: Pick<DealEvent, "type">) =>
  e.type === "migrated" || e.type === "migrationRolledBack";

/** The timeline's icons for migration entries. */
export const MIGRATION_ICONS: Record<string, { icon: LucideIcon; tone: string }> = {
  migrated: {
    icon: ArrowRightLeftIcon,
    tone: "bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300",
  },
  migrationRolledBack: { icon: Undo2Icon, tone: "bg-warning/20 text-[oklch(0.45_0.1_70)]" },
};

const versionsOf = (e: DealEvent) => {
  const v = (e.changes as { pipelineVersion?: { from?: unknown; to?: unknown } } | null)?.pipelineVersion;
  return {
    from: typeof v?.from === "number" ? v.from : null,
    to: typeof v?.to === "number" ? v.to : null,
  };
};

/** "Migrated to version v2" / "迁移到版本 v2"; "Migration rolled back: back on v1". */
export function useMigrationTitle() {
  const t = useTranslations("migrations.timeline");
  return (e: DealEvent) => {
    const to = versionsOf(e).to ?? "?";
    return e.type === "migrated" ? t("migrated", { to }) : t("migrationRolledBack", { to });
  };
}

/**
 * Where a migration took the deal: each stage named in its own version ("v1 · Needs analysis →
 * v2 · Discovery"), falling back to the deal's current version and then to the key.
 */
export function MigrationMove({ event, form }: { event: DealEvent; form: DealForm }) {
  const locale = useLocale();
  const { from, to } = versionsOf(event);
  const name = (number: number | null, key: string | null) => {
    if (!key) return "—";
    const own = form.versions.find((v) => v.number === number)?.states[key];
    if (own) return localized(own, locale);
    const current =
      form.stages.find((s) => s.key === key)?.name ?? form.checkpoints.find((c) => c.key === key)?.name;
    return current ? localized(current, locale) : key;
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="timeline-migration">
      <span className="rounded bg-muted px-1.5 py-0.5">
        <span className="text-muted-foreground tabular-nums">v{from ?? "?"} · </span>
        {name(from, event.fromStage)}
      </span>
      <ArrowRightIcon className="size-3 text-muted-foreground" aria-hidden />
      <span className="rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200">
        <span className="tabular-nums opacity-70">v{to ?? "?"} · </span>
        {name(to, event.toStage)}
      </span>
    </div>
  );
}
