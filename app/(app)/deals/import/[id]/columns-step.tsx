"use client";

import { ArrowRightIcon, CheckIcon, InfoIcon, SparklesIcon, TriangleAlertIcon } from "lucide-react";
import { Select as Primitive } from "radix-ui";
import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { cellText } from "@/lib/import/cells";
import type { ImportMapping } from "@/lib/import/mapping";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { MappingPresets } from "./mapping-presets";
import type { Opened } from "./types";

const SKIP = "__skip";
const CURRENCIES = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD"] as const;

/** A, B, … Z, AA: the column as a spreadsheet names it. */
export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Step 1: which field each column fills, suggested from the headers; options for dates and money. */
export function ColumnsStep({
  opened,
  mapping,
  onChange,
  onNext,
}: {
  opened: Opened;
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
  onNext: () => void;
}) {
  const t = useTranslations("imports.columns");
  const locale = useLocale();
  const headers = opened.import.headers;
  const targets = new Map(opened.targets.map((x) => [x.key, x]));
  const specials = opened.targets.filter((x) => x.kind !== "field");
  const fields = opened.targets.filter((x) => x.kind === "field");
  const mapped = new Set(mapping.columns.filter(Boolean));

  function setTarget(column: number, value: string) {
    const target = value === SKIP ? null : value;
    // A target fills one column: the column that had it is skipped now.
    const columns = mapping.columns.map((c, i) => (i === column ? target : c === target ? null : c));
    onChange({ ...mapping, columns });
  }

  const samples = (column: number) =>
    opened.sample
      .map((r) => cellText(r.cells[column] ?? null))
      .filter(Boolean)
      .slice(0, 3);
  const missing = opened.targets.filter(
    (x) => x.required && !mapped.has(x.key) && !(x.key === "title" && mapped.has("account")),
  );
  const label = (key: string) => {
    const x = targets.get(key);
    return x ? localized(x.label, locale) : key;
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="flex flex-wrap items-end gap-4">
          <MappingPresets opened={opened} mapping={mapping} onApply={onChange} />
          <div className="grid gap-1.5">
            <Label htmlFor="import-date-order">{t("dateOrder")}</Label>
            <Select
              value={mapping.dateOrder}
              onValueChange={(v) => onChange({ ...mapping, dateOrder: v as ImportMapping["dateOrder"] })}
            >
              <SelectTrigger id="import-date-order" className="w-56">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="mdy">{t("mdy")}</SelectItem>
                <SelectItem value="dmy">{t("dmy")}</SelectItem>
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="import-currency">{t("currency")}</Label>
            <Select
              value={mapping.currency}
              onValueChange={(v) => onChange({ ...mapping, currency: v as ImportMapping["currency"] })}
            >
              <SelectTrigger id="import-currency" className="w-32">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {CURRENCIES.map((c) => (
                  <SelectItem key={c} value={c}>
                    {c}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </div>

        {missing.length ? (
          <div
            role="alert"
            className="flex gap-2 rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
          >
            <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" />
            <span>
              {t("missingRequired", { fields: missing.map((x) => localized(x.label, locale)).join("、") })}
            </span>
          </div>
        ) : null}
        {!mapped.has("title") && mapped.has("account") ? (
          <div className="flex gap-2 rounded-md border bg-muted/50 p-3 text-sm text-muted-foreground">
            <InfoIcon className="mt-0.5 size-4 shrink-0" />
            <span>{t("titleFromAccount")}</span>
          </div>
        ) : null}
        {!mapped.has("@externalId") ? (
          <div className="flex gap-2 rounded-md border bg-muted/50 p-3 text-sm text-muted-foreground">
            <InfoIcon className="mt-0.5 size-4 shrink-0" />
            <span>{t("noExternalId")}</span>
          </div>
        ) : null}

        <div className="overflow-x-auto rounded-md border">
          <Table data-testid="column-mapping">
            <TableHeader>
              <TableRow>
                <TableHead className="hidden w-12 text-center sm:table-cell">#</TableHead>
                <TableHead>{t("column")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("sample")}</TableHead>
                <TableHead>{t("field")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {headers.map((header, i) => {
                const target = mapping.columns[i] ?? null;
                const suggestion = opened.suggestions[i];
                const suggested = suggestion && suggestion.target === target ? suggestion.confidence : null;
                return (
                  <TableRow key={i} data-testid="column-row" data-header={header}>
                    <TableCell className="hidden text-center text-xs text-muted-foreground sm:table-cell">
                      {columnLetter(i)}
                    </TableCell>
                    <TableCell className="max-w-28 font-medium break-words sm:max-w-none">
                      {header || <span className="text-muted-foreground italic">{t("noHeader")}</span>}
                      <div className="mt-0.5 max-w-48 truncate text-xs font-normal text-muted-foreground md:hidden">
                        {samples(i).join(" · ")}
                      </div>
                    </TableCell>
                    <TableCell className="hidden max-w-72 md:table-cell">
                      <div className="truncate text-xs text-muted-foreground">
                        {samples(i).join(" · ") || "—"}
                      </div>
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-wrap items-center gap-2">
                        <Select value={target ?? SKIP} onValueChange={(v) => setTarget(i, v)}>
                          <SelectTrigger
                            className="w-36 sm:w-52"
                            aria-label={t("fieldFor", { column: header || columnLetter(i) })}
                            data-testid="column-target"
                          >
                            <SelectValue>{target ? label(target) : t("skip")}</SelectValue>
                          </SelectTrigger>
                          <SelectContent>
                            <SelectItem value={SKIP}>{t("skip")}</SelectItem>
                            <Primitive.Group>
                              <Primitive.Label className="px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">
                                {t("groupDeal")}
                              </Primitive.Label>
                              {specials.map((x) => (
                                <SelectItem key={x.key} value={x.key}>
                                  {localized(x.label, locale)}
                                </SelectItem>
                              ))}
                            </Primitive.Group>
                            <Primitive.Group>
                              <Primitive.Label className="px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">
                                {t("groupFields")}
                              </Primitive.Label>
                              {fields.map((x) => (
                                <SelectItem key={x.key} value={x.key}>
                                  {localized(x.label, locale)}
                                  {x.required ? " *" : ""}
                                </SelectItem>
                              ))}
                            </Primitive.Group>
                          </SelectContent>
                        </Select>
                        {suggested === "exact" ? (
                          <Badge variant="success">
                            <CheckIcon className="size-3" />
                            {t("matched")}
                          </Badge>
                        ) : suggested === "near" ? (
                          <Badge variant="warning" title={t("nearHint")}>
                            <SparklesIcon className="size-3" />
                            {t("suggested")}
                          </Badge>
                        ) : null}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
        <div className="flex justify-end">
          <Button onClick={onNext} data-testid="columns-next">
            {t("next")}
            <ArrowRightIcon />
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
