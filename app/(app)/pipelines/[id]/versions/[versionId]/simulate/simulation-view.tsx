"use client";

import { AlertTriangleIcon, ArrowLeftIcon, DownloadIcon, HistoryIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import Papa from "papaparse";
import type { ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { PageHeader } from "@/lib/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { SimulationReport } from "@/workflows/versions/simulate";
import { saveFile } from "../../../../../_components/download-file";

type Localized = { zh: string; en: string };
type VersionOption = { id: string; number: number; status: string };
type Run =
  | {
      ok: true;
      data: {
        version: { id: string; number: number; status: string };
        months: number;
        since: string;
        truncated: boolean;
        report: SimulationReport;
      };
    }
  | { ok: false; message: string };

const MONTH_CHOICES = [1, 3, 6, 12, 24];

/** The replay simulation's report: figures, the actions a version would refuse and why, time limits. */
export function SimulationView({
  pipeline,
  versionId,
  months,
  run,
}: {
  pipeline: { id: string; name: Localized; versions: VersionOption[] };
  versionId: string;
  months: number;
  run: Run;
}) {
  const t = useTranslations("simulation");
  const tv = useTranslations("versions");
  const locale = useLocale();
  const router = useRouter();
  const version = pipeline.versions.find((v) => v.id === versionId)!;
  const go = (next: { version?: string; months?: number }) =>
    router.push(
      `/pipelines/${pipeline.id}/versions/${next.version ?? versionId}/simulate?months=${next.months ?? months}`,
    );
  const name = (text: Localized) => localized(text, locale);

  return (
    <div data-testid="simulation-page">
      <Link
        href={`/pipelines/${pipeline.id}/versions`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground print:hidden"
      >
        <ArrowLeftIcon className="size-4" />
        {t("back")}
      </Link>
      <PageHeader
        title={t("title", { name: name(pipeline.name), number: version.number })}
        description={t("subtitle")}
        actions={
          run.ok ? (
            <Button
              variant="outline"
              onClick={() => downloadCsv(run.data, pipeline, t, locale)}
              data-testid="simulation-csv"
            >
              <DownloadIcon />
              {t("csv")}
            </Button>
          ) : null
        }
      />
      <div className="mb-6 flex flex-wrap items-end gap-3 print:hidden">
        <label className="grid gap-1.5 text-xs font-medium text-muted-foreground">
          {t("version")}
          <Select value={versionId} onValueChange={(v) => go({ version: v })}>
            <SelectTrigger className="w-56 bg-card" data-testid="simulation-version">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {pipeline.versions.map((v) => (
                <SelectItem key={v.id} value={v.id}>
                  v{v.number} · {tv(`status.${v.status}` as never)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </label>
        <label className="grid gap-1.5 text-xs font-medium text-muted-foreground">
          {t("period")}
          <Select value={String(months)} onValueChange={(m) => go({ months: Number(m) })}>
            <SelectTrigger className="w-44 bg-card" data-testid="simulation-months">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {MONTH_CHOICES.map((m) => (
                <SelectItem key={m} value={String(m)}>
                  {t("lastMonths", { months: m })}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </label>
      </div>

      {!run.ok ? (
        <Card>
          <CardContent className="flex items-start gap-3 py-6 text-sm" data-testid="simulation-error">
            <AlertTriangleIcon className="mt-0.5 size-5 shrink-0 text-destructive" />
            <div>
              <p className="font-medium">{run.message}</p>
              <Link href={`/pipelines/${pipeline.id}/edit`} className="text-primary hover:underline">
                {t("openEditor")}
              </Link>
            </div>
          </CardContent>
        </Card>
      ) : (
        <Report data={run.data} name={name} />
      )}
    </div>
  );
}

function Report({
  data,
  name,
}: {
  data: Extract<Run, { ok: true }>["data"];
  name: (t: Localized) => string;
}) {
  const t = useTranslations("simulation");
  const format = useFormatter();
  const { report } = data;
  const pct = (part: number, whole: number) =>
    whole ? format.number(part / whole, { style: "percent", maximumFractionDigits: 1 }) : "—";
  const missingDeals = report.missingStages.reduce((n, s) => n + s.deals.length, 0);
  const caught = report.timeLimits.reduce((n, l) => n + l.wouldFire, 0);
  const fired = report.timeLimits.reduce((n, l) => n + l.fired, 0);

  return (
    <div className="grid gap-6">
      <p className="text-sm text-muted-foreground">
        {t("scope", {
          deals: report.deals,
          since: format.dateTime(new Date(data.since), { dateStyle: "medium" }),
        })}
        {data.truncated ? <span className="ml-1 text-[oklch(0.55_0.14_60)]">{t("truncated")}</span> : null}
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="simulation-figures">
        <Figure label={t("figures.actions")} value={format.number(report.actionsTaken)} />
        <Figure
          label={t("figures.refused")}
          value={format.number(report.actionsRefused)}
          raw={report.actionsRefused}
          hint={pct(report.actionsRefused, report.actionsTaken)}
          tone={report.actionsRefused ? "bad" : "good"}
          testId="figure-refused"
        />
        <Figure
          label={t("figures.missing")}
          value={format.number(missingDeals)}
          tone={missingDeals ? "bad" : "good"}
        />
        <Figure
          label={t("figures.timeLimits")}
          value={format.number(caught)}
          hint={t("figures.firedBefore", { count: fired })}
        />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("actions.title")}</CardTitle>
          <CardDescription>{t("actions.description")}</CardDescription>
        </CardHeader>
        <CardContent className="px-0">
          {report.actions.length === 0 ? (
            <p className="px-6 text-sm text-muted-foreground">{t("actions.none")}</p>
          ) : (
            <Table data-testid="simulation-actions">
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t("actions.action")}</TableHead>
                  <TableHead className="text-right">{t("actions.taken")}</TableHead>
                  <TableHead className="text-right">{t("actions.refused")}</TableHead>
                  <TableHead className="text-right">{t("actions.rerouted")}</TableHead>
                  <TableHead className="pr-6">{t("actions.why")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.actions.map((a) => (
                  <TableRow
                    key={`${a.from}:${a.action}`}
                    data-testid="simulation-action"
                    data-action={a.action}
                  >
                    <TableCell className="pl-6 align-top">
                      <div className="font-medium">{name(a.actionName)}</div>
                      <div className="text-xs text-muted-foreground">
                        {t("actions.from", { stage: name(a.fromName) })}
                      </div>
                    </TableCell>
                    <TableCell className="text-right align-top tabular-nums">{a.taken}</TableCell>
                    <TableCell className="text-right align-top tabular-nums" data-testid="action-refused">
                      <span className={cn(a.refused && "font-semibold text-destructive")}>{a.refused}</span>
                      {a.refused ? (
                        <div className="text-xs text-muted-foreground">{pct(a.refused, a.taken)}</div>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-right align-top tabular-nums">{a.rerouted || "—"}</TableCell>
                    <TableCell className="max-w-md pr-6 align-top">
                      {a.reasons.length === 0 ? (
                        <span className="text-muted-foreground">—</span>
                      ) : (
                        <ul className="grid gap-1">
                          {a.reasons.map((r) => (
                            <li
                              key={r.key}
                              className="flex items-start gap-2 text-[13px]"
                              data-testid="action-reason"
                            >
                              <Badge variant="outline" className="shrink-0 tabular-nums">
                                ×{r.count}
                              </Badge>
                              <span>
                                <span className="text-muted-foreground">
                                  {t(`reason.${r.kind}` as never)} ·{" "}
                                </span>
                                {name(r.label)}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                      {a.refusedDeals.length ? (
                        <details className="mt-2 text-xs">
                          <summary className="cursor-pointer text-primary print:hidden">
                            {t("actions.deals", { count: a.refusedDeals.length })}
                          </summary>
                          <ul className="mt-1 grid gap-0.5">
                            {a.refusedDeals.map((d) => (
                              <li key={`${d.id}:${d.at}`}>
                                <Link href={`/deals/${d.id}`} className="hover:underline">
                                  {d.title}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      {report.missingStages.length ? (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle>{t("missing.title")}</CardTitle>
            <CardDescription>{t("missing.description")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3" data-testid="simulation-missing">
            {report.missingStages.map((s) => (
              <div key={s.stage}>
                <div className="text-sm font-medium">
                  <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{s.stage}</code> ·{" "}
                  {t("missing.deals", { count: s.deals.length })}
                </div>
                <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-[13px]">
                  {s.deals.slice(0, 50).map((d) => (
                    <li key={d.id}>
                      <Link href={`/deals/${d.id}`} className="hover:underline">
                        {d.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("limits.title")}</CardTitle>
          <CardDescription>{t("limits.description")}</CardDescription>
        </CardHeader>
        <CardContent className="px-0">
          <Table data-testid="simulation-limits">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">{t("limits.stage")}</TableHead>
                <TableHead className="text-right">{t("limits.limit")}</TableHead>
                <TableHead className="text-right">{t("limits.stays")}</TableHead>
                <TableHead className="text-right">{t("limits.wouldFire")}</TableHead>
                <TableHead className="pr-6 text-right">{t("limits.fired")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.timeLimits.map((l) => (
                <TableRow key={l.stage} data-testid="simulation-limit" data-stage={l.stage}>
                  <TableCell className="pl-6 font-medium">{name(l.name)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {l.days === null ? "—" : t("limits.days", { days: l.days })}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{l.visits}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    <span className={cn(l.wouldFire > l.fired && "font-semibold text-[oklch(0.55_0.14_60)]")}>
                      {l.wouldFire}
                    </span>
                  </TableCell>
                  <TableCell className="pr-6 text-right tabular-nums">{l.fired}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <p className="flex items-start gap-2 text-xs text-muted-foreground">
        <HistoryIcon className="mt-0.5 size-3.5 shrink-0" />
        {t("method")}
      </p>
    </div>
  );
}

function Figure({
  label,
  value,
  hint,
  tone,
  testId,
  raw,
}: {
  label: string;
  value: string;
  /** The number itself, for tests and scripts. */
  raw?: number;
  hint?: ReactNode;
  tone?: "good" | "bad";
  testId?: string;
}) {
  return (
    <div className="rounded-lg border bg-card px-4 py-3" data-testid={testId} data-value={raw}>
      <div className="text-xs text-muted-foreground">{label}</div>
      <div
        className={cn(
          "mt-1 text-2xl font-semibold tabular-nums",
          tone === "bad" && "text-destructive",
          tone === "good" && "text-success",
        )}
      >
        {value}
      </div>
      {hint ? <div className="text-xs text-muted-foreground">{hint}</div> : null}
    </div>
  );
}

/** The report as CSV (with a BOM, so Excel reads the Chinese): one row per action reason and per stage. */
function downloadCsv(
  data: Extract<Run, { ok: true }>["data"],
  pipeline: { name: Localized },
  t: ReturnType<typeof useTranslations<"simulation">>,
  locale: string,
) {
  const name = (text: Localized) => localized(text, locale);
  const columns = [
    "section",
    "stage",
    "action",
    "taken",
    "refused",
    "rerouted",
    "reason",
    "count",
    "limitDays",
    "stays",
    "wouldFire",
    "fired",
  ] as const;
  const rows: (string | number)[][] = [columns.map((c) => t(`csvColumns.${c}`))];
  const row = (cells: Partial<Record<(typeof columns)[number], string | number>>) =>
    rows.push(columns.map((c) => cells[c] ?? ""));
  for (const a of data.report.actions) {
    const base = {
      section: t("actions.title"),
      stage: name(a.fromName),
      action: name(a.actionName),
      taken: a.taken,
      refused: a.refused,
      rerouted: a.rerouted,
    };
    if (a.reasons.length === 0) row(base);
    for (const r of a.reasons)
      row({ ...base, reason: `${t(`reason.${r.kind}` as never)}: ${name(r.label)}`, count: r.count });
  }
  for (const s of data.report.missingStages)
    for (const d of s.deals) row({ section: t("missing.title"), stage: s.stage, reason: d.title });
  for (const l of data.report.timeLimits)
    row({
      section: t("limits.title"),
      stage: name(l.name),
      limitDays: l.days ?? "",
      stays: l.visits,
      wouldFire: l.wouldFire,
      fired: l.fired,
    });
  const csv = "\uFEFF" + Papa.unparse(rows);
  saveFile(
    new Blob([csv], { type: "text/csv;charset=utf-8" }),
    `${name(pipeline.name)}-v${data.version.number}-${t("fileName")}.csv`,
  );
}
