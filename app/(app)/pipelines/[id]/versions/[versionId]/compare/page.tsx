import type { Metadata } from "next";
import { ArrowLeftIcon, CircleHelpIcon, TrendingDownIcon, TrendingUpIcon } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { localized, localName } from "@/lib/i18n/localized";
import { serverApi } from "@/lib/trpc/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { PageHeader } from "@/lib/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { ProportionTest } from "@/workflows/versions/significance";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("versions.compare"))("pageTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 86_400_000;

/** Pilot versus the rest (试点效果对比): admins and trainers. */
export default async function ComparePage({
  params,
}: {
  params: Promise<{ id: string; versionId: string }>;
}) {
  const { id, versionId } = await params;
  const api = await serverApi();
  const me = await api.me.get();
  const role = me.activeCompany?.role;
  if ((role !== "admin" && role !== "trainer") || !UUID.test(versionId)) notFound();
  const result = await api.versions.compare({ versionId }).catch(() => null);
  if (!result || result.pipeline.id !== id) notFound();
  const t = await getTranslations("versions.compare");
  const tv = await getTranslations("versions");
  const format = await getFormatter();
  const locale = await getLocale();
  const { comparison: c, version } = result;
  const pct = (v: number | null) =>
    v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 0 });
  const points = (v: number) => format.number(Math.round(v * 100), { signDisplay: "exceptZero" });
  const pValue = (p: number | null) =>
    p === null ? "—" : p < 0.001 ? "< 0.001" : format.number(p, { maximumFractionDigits: 3 });
  const days = (ms: number | null) =>
    ms === null ? "—" : t("days", { days: format.number(ms / DAY, { maximumFractionDigits: 1 }) });
  const money = (v: number | null) =>
    // Deals may be in several currencies: the amounts as numbers, in the deals' own units.
    v === null ? "—" : format.number(v, { maximumFractionDigits: 0 });
  const rate = (test: ProportionTest["a"]) =>
    test.n === 0 ? "—" : t("rateOf", { rate: pct(test.rate), x: test.x, n: test.n });
  const teams = result.teams.map((x) => localName(x, locale)).join(tv("listJoin"));
  const period = t(result.period.running ? "periodRunning" : "period", {
    from: format.dateTime(result.period.from, { dateStyle: "medium" }),
    to: format.dateTime(result.period.to, { dateStyle: "medium" }),
  });

  const w = c.winRate;
  const verdict = c.verdict;
  const tone =
    verdict.kind === "better"
      ? { icon: TrendingUpIcon, cls: "border-success/40 bg-success/8", text: "text-[oklch(0.42_0.12_155)]" }
      : verdict.kind === "worse"
        ? { icon: TrendingDownIcon, cls: "border-destructive/40 bg-destructive/8", text: "text-destructive" }
        : { icon: CircleHelpIcon, cls: "border-warning/50 bg-warning/10", text: "text-[oklch(0.45_0.1_70)]" };
  const Icon = tone.icon;
  const explanation =
    verdict.kind === "notEnoughData" && verdict.reason === "smallSample"
      ? t("why.smallSample", { pilot: w.a.n, rest: w.b.n })
      : w.difference === null || !w.ci
        ? t("why.smallSample", { pilot: w.a.n, rest: w.b.n })
        : t(verdict.kind === "notEnoughData" ? "why.notSignificant" : "why.significant", {
            pilotRate: pct(w.a.rate),
            pilotWon: w.a.x,
            pilotClosed: w.a.n,
            restRate: pct(w.b.rate),
            restWon: w.b.x,
            restClosed: w.b.n,
            points: points(w.difference),
            low: points(w.ci[0]),
            high: points(w.ci[1]),
            p: pValue(w.p),
          });

  return (
    <div data-testid="compare-page">
      <Link
        href={`/pipelines/${id}/versions`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" />
        {tv("pageTitle")}
      </Link>
      <PageHeader
        title={t("title", { number: version.number, name: localized(result.pipeline.name, locale) })}
        description={t("subtitle", { teams, period })}
      />
      <div className="grid gap-6">
        <div className={cn("flex items-start gap-4 rounded-xl border p-5", tone.cls)} data-testid="verdict">
          <Icon className={cn("mt-0.5 size-7 shrink-0", tone.text)} />
          <div className="min-w-0">
            <p className={cn("text-lg font-semibold", tone.text)}>{t(`verdict.${verdict.kind}`)}</p>
            <p className="mt-1 text-sm">{explanation}</p>
            <p className="mt-2 text-xs text-muted-foreground">{t("method")}</p>
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          {[
            { label: t("tiles.deals"), pilot: String(c.pilot.deals), rest: String(c.rest.deals) },
            { label: t("tiles.winRate"), pilot: rate(w.a), rest: rate(w.b) },
            {
              label: t("tiles.avgWon"),
              pilot: money(c.pilot.avgWonAmount),
              rest: money(c.rest.avgWonAmount),
            },
          ].map((tile) => (
            <Card key={tile.label} className="gap-2 py-4">
              <CardHeader className="px-5">
                <CardDescription>{tile.label}</CardDescription>
              </CardHeader>
              <CardContent className="grid grid-cols-2 gap-3 px-5">
                <div>
                  <div className="text-xs text-violet-700 dark:text-violet-300">{t("pilot")}</div>
                  <div className="text-lg font-semibold tabular-nums">{tile.pilot}</div>
                </div>
                <div>
                  <div className="text-xs text-muted-foreground">{t("rest")}</div>
                  <div className="text-lg font-semibold tabular-nums">{tile.rest}</div>
                </div>
              </CardContent>
            </Card>
          ))}
        </div>
        <Card>
          <CardHeader>
            <CardTitle>{t("stages.title")}</CardTitle>
            <CardDescription>{t("stages.hint")}</CardDescription>
          </CardHeader>
          <CardContent className="overflow-x-auto p-0">
            <Table data-testid="compare-stages">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("stages.stage")}</TableHead>
                  <TableHead className="text-right">{t("stages.pilotConversion")}</TableHead>
                  <TableHead className="text-right">{t("stages.restConversion")}</TableHead>
                  <TableHead className="text-right">{t("stages.difference")}</TableHead>
                  <TableHead className="text-right">p</TableHead>
                  <TableHead className="text-right">{t("stages.pilotTime")}</TableHead>
                  <TableHead className="text-right">{t("stages.restTime")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {c.stages.map((s) => {
                  const conv = s.conversion;
                  const significant = conv.p !== null && conv.p < 0.05;
                  return (
                    <TableRow key={s.key}>
                      <TableCell className="font-medium whitespace-nowrap">
                        {localized(s.name, locale)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums whitespace-nowrap">
                        {rate(conv.a)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums whitespace-nowrap">
                        {rate(conv.b)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums whitespace-nowrap">
                        {conv.difference === null || !conv.ci
                          ? "—"
                          : t("pointsWithCi", {
                              points: points(conv.difference),
                              low: points(conv.ci[0]),
                              high: points(conv.ci[1]),
                            })}
                      </TableCell>
                      <TableCell className={cn("text-right tabular-nums", significant && "font-semibold")}>
                        {pValue(conv.p)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums whitespace-nowrap">
                        {days(c.pilot.stages[s.key]?.medianMs ?? null)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums whitespace-nowrap">
                        {days(c.rest.stages[s.key]?.medianMs ?? null)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
