"use client";

import { ArrowRightIcon, CircleCheckIcon, TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { DryRun, MigrationPlan } from "./types";

/** Step 2: what the mapping would do — moves per stage and the deals that would lack something. */
export function DryRunSummary({ plan, run }: { plan: MigrationPlan; run: DryRun }) {
  const t = useTranslations("migrations.dryRun");
  const locale = useLocale();
  const format = useFormatter();
  const fromName = (key: string) => {
    const s = plan.from.states.find((x) => x.key === key);
    return s ? localized(s.name, locale) : key;
  };
  const toName = (key: string) => {
    const s = plan.to.states.find((x) => x.key === key);
    return s ? localized(s.name, locale) : key;
  };
  const fields = new Map(run.fields.map((f) => [f.key, localized(f.name, locale)]));
  const name = (key: string) => fields.get(key) ?? key;
  return (
    <div className="grid gap-4" data-testid="dry-run">
      <div className="rounded-lg border bg-muted/30 p-3">
        <p className="text-sm font-medium" data-testid="dry-run-total">
          {t("total", { count: run.total, from: plan.from.number, to: plan.to.number })}
        </p>
        <p className="mt-0.5 text-xs text-muted-foreground">{t("hint")}</p>
      </div>
      <Table data-testid="dry-run-moves">
        <TableHeader>
          <TableRow>
            <TableHead>{t("from")}</TableHead>
            <TableHead className="w-6" />
            <TableHead>{t("to")}</TableHead>
            <TableHead className="text-right">{t("count")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {run.moves.map((m) => (
            <TableRow key={`${m.from}-${m.to ?? ""}`}>
              <TableCell>{fromName(m.from)}</TableCell>
              <TableCell>
                <ArrowRightIcon className="size-3.5 text-muted-foreground" aria-hidden />
              </TableCell>
              <TableCell className={m.to ? "font-medium" : "text-destructive"}>
                {m.to ? toName(m.to) : t("unmappedRow")}
              </TableCell>
              <TableCell className="text-right tabular-nums">{format.number(m.count)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <section className="grid gap-2" data-testid="dry-run-issues">
        <h3 className="flex items-center gap-2 text-sm font-semibold">
          {run.withIssues ? (
            <TriangleAlertIcon className="size-4 text-[oklch(0.6_0.13_70)]" aria-hidden />
          ) : (
            <CircleCheckIcon className="size-4 text-[oklch(0.55_0.14_155)]" aria-hidden />
          )}
          {t("issuesTitle")}
        </h3>
        {run.withIssues === 0 ? (
          <p className="text-sm text-muted-foreground">{t("issuesNone")}</p>
        ) : (
          <>
            <p className="text-sm text-muted-foreground" data-testid="dry-run-issue-count">
              {t("issuesCount", {
                count: run.withIssues,
                added: run.withAdded,
                from: plan.from.number,
                to: plan.to.number,
              })}{" "}
              {run.withAdded ? t("addedHint", { from: plan.from.number, to: plan.to.number }) : null}
              {run.withIssues > run.issues.length ? ` ${t("listed", { listed: run.issues.length })}` : ""}
            </p>
            <ul className="grid max-h-72 gap-2 overflow-y-auto pr-1">
              {run.issues.map((d) => (
                <li key={d.id} className="rounded-lg border p-3 text-sm" data-testid="dry-run-issue">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                    <span className="flex min-w-0 flex-wrap items-center gap-2">
                      <Link
                        href={`/deals/${d.id}`}
                        target="_blank"
                        className="font-medium underline-offset-2 hover:underline"
                      >
                        {d.title}
                      </Link>
                      {d.added ? (
                        <Badge variant="warning" data-testid="dry-run-added">
                          {t("added", { to: plan.to.number })}
                        </Badge>
                      ) : null}
                    </span>
                    <span className="flex items-center gap-1 text-xs text-muted-foreground">
                      {fromName(d.from)}
                      <ArrowRightIcon className="size-3" aria-hidden />
                      {toName(d.to)}
                    </span>
                  </div>
                  <p className="text-xs text-muted-foreground">
                    {[d.account, d.ownerName].filter(Boolean).join(" · ")}
                  </p>
                  <dl className="mt-2 grid gap-1 text-xs">
                    <Needs
                      label={t("toLeave")}
                      items={d.exitMissing}
                      added={d.added?.exitMissing}
                      name={name}
                    />
                    <Needs
                      label={t("toEnter")}
                      items={d.entryMissing}
                      added={d.added?.entryMissing}
                      name={name}
                    />
                    <Needs
                      label={t("unmet")}
                      items={d.entryUnmet.map((u) => (locale === "en" ? u.en : u.zh))}
                      added={d.added?.entryUnmet.map((u) => (locale === "en" ? u.en : u.zh))}
                      name={(x) => x}
                    />
                  </dl>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** One kind of lack as chips; what the migration brings is highlighted. */
function Needs({
  label,
  items,
  added = [],
  name,
}: {
  label: string;
  items: string[];
  added?: string[];
  name: (item: string) => string;
}) {
  if (items.length === 0) return null;
  const fresh = new Set(added);
  return (
    <div className="flex flex-wrap items-baseline gap-1.5">
      <dt className="text-muted-foreground">{label}</dt>
      {items.map((item) => (
        <dd
          key={item}
          className={cn(
            "rounded px-1.5 py-0.5",
            fresh.has(item) ? "bg-warning/20 font-medium text-[oklch(0.42_0.1_70)]" : "bg-muted",
          )}
        >
          {name(item)}
        </dd>
      ))}
    </div>
  );
}
