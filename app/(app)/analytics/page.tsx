import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { localized } from "@/lib/i18n/localized";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { PageHeader } from "@/lib/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("analytics") };
}

/** Where deals stand now, stage by stage: the first of the figures a manager steers by. */
export default async function AnalyticsPage() {
  const t = await getTranslations("analytics");
  const locale = await getLocale();
  const format = await getFormatter();
  const rows = await (await serverApi()).deals.byStage();
  const money = (v: number) =>
    format.number(v, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  const total = rows.reduce((s, r) => s + r.count, 0);
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("byStage")}</CardTitle>
          <CardDescription>{t("byStageHint")}</CardDescription>
        </CardHeader>
        <CardContent className="px-0">
          <Table data-testid="stage-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("col.stage")}</TableHead>
                <TableHead className="text-right">{t("col.deals")}</TableHead>
                <TableHead className="hidden text-right sm:table-cell">{t("col.share")}</TableHead>
                <TableHead className="text-right">{t("col.amount")}</TableHead>
                <TableHead className="hidden text-right md:table-cell">{t("col.probability")}</TableHead>
                <TableHead className="text-right">{t("col.weighted")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={`${r.pipelineId}:${r.stage}`}>
                  <TableCell className="font-medium">
                    {r.name ? localized(r.name, locale) : r.stage}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{format.number(r.count)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {format.number(total ? r.count / total : 0, {
                      style: "percent",
                      maximumFractionDigits: 1,
                    })}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(r.amount)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums md:table-cell">
                    {r.probability}%
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {money((r.amount * r.probability) / 100)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </>
  );
}
