"use client";

import {
  ArchiveIcon,
  CircleStopIcon,
  FilePlusIcon,
  FlaskConicalIcon,
  RocketIcon,
  SendIcon,
  Trash2Icon,
  type LucideIcon,
} from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localName } from "@/lib/i18n/localized";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { lastDay } from "./dates";
import { MIGRATION_AUDIT_ICONS, useMigrationAuditSentence } from "./migration/audit";
import type { AuditRow } from "./types";

const ICONS: Record<AuditRow["action"], LucideIcon> = {
  drafted: FilePlusIcon,
  piloted: FlaskConicalIcon,
  pilotEnded: CircleStopIcon,
  published: SendIcon,
  rolledOut: RocketIcon,
  retired: ArchiveIcon,
  discarded: Trash2Icon,
  ...MIGRATION_AUDIT_ICONS,
};

type Team = { name: string; nameEn: string | null };
type Details = {
  from?: { number: number } | null;
  template?: string;
  copiedFrom?: unknown;
  teams?: Team[];
  startsAt?: string;
  endsAt?: string | null;
  cancelled?: boolean;
  supersededBy?: { number: number };
  by?: "published" | "rolledOut";
  endedPilots?: number;
};

/** The versions' audit log: who did what to which version, when, and their note. */
export function AuditLog({ entries }: { entries: AuditRow[] }) {
  const t = useTranslations("versions.audit");
  const tv = useTranslations("versions");
  const format = useFormatter();
  const locale = useLocale();
  const migration = useMigrationAuditSentence();
  const sentence = (e: AuditRow) => {
    const d = (e.details ?? {}) as Details;
    const name = e.actor?.name || t("someone");
    const number = e.versionNumber;
    const teams = (d.teams ?? []).map((x) => localName(x, locale)).join(tv("listJoin"));
    switch (e.action) {
      case "drafted":
        return d.from
          ? t("draftedFrom", { name, number, from: d.from.number })
          : t("drafted", { name, number });
      case "piloted":
        return t("piloted", { name, number, teams });
      case "pilotEnded":
        return d.cancelled
          ? t("pilotCancelled", { name, number, teams })
          : t("pilotEnded", { name, number, teams });
      case "published":
        return t("published", { name, number });
      case "rolledOut":
        return t("rolledOut", { name, number });
      case "retired":
        return d.supersededBy
          ? t("superseded", { number, by: d.supersededBy.number })
          : t("retired", { name, number });
      case "discarded":
        return t("discarded", { name, number });
      case "migrationStarted":
      case "migrationFinished":
      case "migrationRolledBack":
        return migration(e);
    }
  };
  const extra = (e: AuditRow) => {
    const d = (e.details ?? {}) as Details;
    if (e.action !== "piloted" || !d.startsAt) return null;
    const start = format.dateTime(new Date(d.startsAt), { dateStyle: "medium" });
    return d.endsAt
      ? tv("window.range", {
          start,
          end: format.dateTime(lastDay(new Date(d.endsAt)), { dateStyle: "medium" }),
        })
      : tv("window.open", { start });
  };
  return (
    <Card className="xl:sticky xl:top-4" data-testid="audit-log">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent>
        {entries.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ol className="relative grid gap-4 border-l pl-5">
            {entries.map((e) => {
              const Icon = ICONS[e.action] ?? FilePlusIcon;
              const more = extra(e);
              return (
                <li key={e.id} className="relative" data-testid="audit-entry" data-action={e.action}>
                  <span className="absolute top-0 -left-[1.95rem] flex size-5 items-center justify-center rounded-full border bg-card text-muted-foreground">
                    <Icon className="size-3" />
                  </span>
                  <p className="text-sm leading-snug">{sentence(e)}</p>
                  {more ? <p className="mt-0.5 text-xs text-muted-foreground">{more}</p> : null}
                  {e.note ? (
                    <blockquote className="mt-1 border-l-2 pl-2 text-xs text-muted-foreground italic break-words">
                      {e.note}
                    </blockquote>
                  ) : null}
                  <time className="mt-0.5 block text-xs text-muted-foreground" dateTime={e.at.toISOString()}>
                    {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
