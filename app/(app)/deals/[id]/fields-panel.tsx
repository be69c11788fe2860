"use client";

import { ExternalLinkIcon, PencilIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { FieldsEditor } from "./fields-editor";
import type { DealData, DealForm } from "./types";
import { useFieldFormatter } from "./use-deal-format";

/**
 * Every field of the deal's pipeline with its value as a reader wants it; the fields the
 * current stage needs before the deal can leave it are marked. Those who may edit the deal
 * switch the panel to the editor.
 */
export function FieldsPanel({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const locale = useLocale();
  const formatValue = useFieldFormatter(deal.deal.currency);
  const [editing, setEditing] = useState(false);
  const filled = form.fields.filter((f) => formatValue(f, deal.values[f.key]) !== null).length;
  const stage = form.stages.find((s) => s.key === deal.deal.stage);
  const leaving = new Set(stage?.outcome === "open" ? stage.requiredFields : []);
  return (
    <Card data-testid="fields-panel">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{t("fields.title")}</CardTitle>
          <CardDescription>
            {editing ? t("edit.description") : t("fields.filled", { filled, total: form.fields.length })}
          </CardDescription>
        </div>
        {deal.canEdit && !editing ? (
          <Button size="sm" variant="outline" onClick={() => setEditing(true)} data-testid="edit-fields">
            <PencilIcon />
            {t("edit.button")}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {editing ? (
          <FieldsEditor key={deal.deal.id} deal={deal} form={form} onDone={() => setEditing(false)} />
        ) : (
          <dl className="grid grid-cols-2 gap-x-4 sm:gap-x-6">
            {form.fields.map((field) => {
              const text = formatValue(field, deal.values[field.key]);
              const raw = deal.values[field.key];
              const link = field.format === "url" && typeof raw === "string" && /^https?:\/\//.test(raw);
              const needed = leaving.has(field.key) && text === null;
              return (
                <div
                  key={field.key}
                  data-testid={`field-${field.key}`}
                  className="grid min-w-0 content-start gap-0.5 border-b py-2.5"
                >
                  <dt className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
                    {localized(field.name, locale)}
                    {leaving.has(field.key) ? (
                      <span
                        className={cn(
                          "rounded px-1 text-[0.6875rem]",
                          needed ? "bg-warning/20 text-[oklch(0.45_0.1_70)]" : "bg-muted",
                        )}
                        title={t("edit.neededToLeave", { stage: stage ? localized(stage.name, locale) : "" })}
                      >
                        {needed ? t("fields.needed") : t("fields.neededDone")}
                      </span>
                    ) : null}
                  </dt>
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
        )}
      </CardContent>
    </Card>
  );
}
