"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { useTRPC } from "@/lib/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { ImportStatusBadge } from "./status-badge";

/** The imports the member may see (admins: all of the company's), newest first. */
export function RecentImports() {
  const t = useTranslations("imports.recent");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const list = useQuery(trpc.imports.list.queryOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        {!list.data ? (
          <Loader2Icon className="mx-6 size-5 animate-spin text-muted-foreground" aria-label={t("loading")} />
        ) : list.data.length === 0 ? (
          <p className="px-6 text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t("file")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("pipeline")}</TableHead>
                  <TableHead>{t("status")}</TableHead>
                  <TableHead className="text-right">{t("rows")}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t("created")}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t("updated")}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t("failed")}</TableHead>
                  <TableHead className="hidden pr-6 lg:table-cell">{t("by")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.map((i) => (
                  <TableRow key={i.id} data-testid="recent-import">
                    <TableCell className="max-w-64 truncate pl-6 font-medium">
                      <Link href={`/deals/import/${i.id}`} className="text-primary hover:underline">
                        {i.fileName}
                      </Link>
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      {localized(i.pipelineName, locale)}
                    </TableCell>
                    <TableCell>
                      <ImportStatusBadge status={i.status} failed={i.failed} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{format.number(i.rowCount)}</TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {format.number(i.created)}
                    </TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {format.number(i.updated)}
                    </TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {format.number(i.failed)}
                    </TableCell>
                    <TableCell className="hidden pr-6 lg:table-cell">
                      <span className="block">{i.createdByName}</span>
                      <span className="block text-xs text-muted-foreground">
                        {format.dateTime(new Date(i.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                      </span>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
