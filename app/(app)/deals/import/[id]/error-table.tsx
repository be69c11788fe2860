"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { RowError } from "@/lib/import/errors";
import { Button } from "@/lib/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { useErrorText } from "./use-error-text";

const PAGE = 50;

/** Every failing row and why: row number, column, the cell as it was, the message. */
export function ErrorTable({ errors, total }: { errors: RowError[]; total: number }) {
  const t = useTranslations("imports.errorTable");
  const format = useFormatter();
  const text = useErrorText();
  const [shown, setShown] = useState(PAGE);
  return (
    <div className="grid gap-2">
      <div className="overflow-x-auto rounded-md border">
        <Table data-testid="error-table">
          <TableHeader>
            <TableRow>
              <TableHead className="w-16 text-right">{t("row")}</TableHead>
              <TableHead>{t("column")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("value")}</TableHead>
              <TableHead>{t("problem")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {errors.slice(0, shown).map((e, i) => (
              <TableRow key={`${e.row}-${i}`} data-testid="error-row" data-row={e.row}>
                <TableCell className="text-right tabular-nums">{e.row}</TableCell>
                <TableCell className="font-medium">{e.header ?? "—"}</TableCell>
                <TableCell className="hidden max-w-48 truncate text-muted-foreground sm:table-cell">
                  {e.value || "—"}
                </TableCell>
                <TableCell className="min-w-64 whitespace-normal text-destructive">{text(e)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <span>
          {t("showing", {
            shown: format.number(Math.min(shown, errors.length)),
            total: format.number(total),
          })}
        </span>
        {shown < errors.length ? (
          <Button variant="ghost" size="sm" onClick={() => setShown(shown + PAGE * 4)}>
            {t("showMore")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
