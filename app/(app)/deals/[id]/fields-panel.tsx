"use client";

import { ExternalLinkIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import type { DealData, DealForm } from "./types";
import { useFieldFormatter } from "./use-deal-format";

/** Every field of the deal's pipeline with its value as a reader wants it (read-only for now). */
export function FieldsPanel({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const locale = useLocale();
  const formatValue = useFieldFormatter(deal.deal.currency);
  const filled = form.fields.filter((f) => formatValue(f, deal.values[f.key]) !== null).length;
  return (
    <Card data-testid="fields-panel">
      <CardHeader>
        <CardTitle>{t("fields.title")}</CardTitle>
        <CardDescription>{t("fields.filled", { filled, total: form.fields.length })}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-x-4 sm:gap-x-6">
          {form.fields.map((field) => {
            const text = formatValue(field, deal.values[field.key]);
            const raw = deal.values[field.key];
            const link = field.format === "url" && typeof raw === "string" && /^https?:\/\//.test(raw);
            return (
              <div
                key={field.key}
                data-testid={`field-${field.key}`}
                className="grid min-w-0 content-start gap-0.5 border-b py-2.5"
              >
                <dt className="text-xs text-muted-foreground">{localized(field.name, locale)}</dt>
                <dd
                  className={cn(
                    "min-w-0 text-sm break-words",
                    field.type === "longText" && "whitespace-pre-wrap",
                    text === null && "text-muted-foreground/60",
                  )}
                >
                  {text === null ? (
                    "—"
                  ) : link ? (
                    <a
                      href={raw}
                      target="_blank"
                      rel="noreferrer"
                      className="inline-flex max-w-full items-center gap-1 text-primary hover:underline"
                    >
                      <span className="truncate">{text}</span>
                      <ExternalLinkIcon className="size-3.5 shrink-0" />
                    </a>
                  ) : (
                    text
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </CardContent>
    </Card>
  );
}
