"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FieldInput, type DraftValue } from "@/app/(app)/deals/[id]/field-input";
import { groupFields } from "@/app/(app)/deals/new-deal-fields";
import { localized } from "@/lib/i18n/localized";
import { Checkbox } from "@/lib/ui/checkbox";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { FieldDef, PipelineDefinition } from "@/workflows/definition/schema";
import { openStages, stageForm } from "./preview";

const NEW_DEAL = "__new";

/** The forms a rep will see, drawn with the deal page's own inputs: a new deal, or leaving a stage. */
export function FormPreview({ definition }: { definition: PipelineDefinition }) {
  const t = useTranslations("fieldsDesigner");
  const locale = useLocale();
  const id = useId();
  const stages = openStages(definition);
  const [which, setWhich] = useState<string>(NEW_DEAL);
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const current = which === NEW_DEAL || stages.some((s) => s.id === which) ? which : NEW_DEAL;
  const input = (f: FieldDef, required: boolean) => (
    <PreviewField
      key={f.key}
      field={f}
      required={required}
      id={`${id}-${current}-${f.key}`}
      value={drafts[f.key]}
      onChange={(v) => setDrafts((d) => ({ ...d, [f.key]: v }))}
    />
  );
  let body;
  if (current === NEW_DEAL) {
    const groups = groupFields(definition.fields);
    body = (
      <div className="grid gap-3 @xl:grid-cols-2">
        {groups.required.map((f) => input(f, true))}
        {groups.common.map((f) => input(f, false))}
        {groups.more.length ? (
          <p className="text-xs text-muted-foreground @xl:col-span-2">
            {t("previewMore", { count: groups.more.length })}
          </p>
        ) : null}
      </div>
    );
  } else {
    const form = stageForm(definition, current);
    body = (
      <div className="space-y-4">
        {form.required.length ? (
          <div className="grid gap-3 @xl:grid-cols-2">{form.required.map((f) => input(f, true))}</div>
        ) : (
          <p className="text-sm text-muted-foreground">{t("previewNothingRequired")}</p>
        )}
        {form.checklist.length ? (
          <fieldset className="space-y-1.5">
            <legend className="mb-1 text-sm font-medium">{t("previewChecklist")}</legend>
            {form.checklist.map((item, i) => (
              <label key={i} className="flex items-center gap-2 text-sm">
                <Checkbox />
                {localized(item, locale)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {form.actions.map((a, i) => (
          <fieldset key={i} className="space-y-2 rounded-md border border-dashed p-3">
            <legend className="px-1 text-xs text-muted-foreground">
              {t("previewAction", { action: localized(a.name, locale) })}
            </legend>
            <div className="grid gap-3 @xl:grid-cols-2">{a.fields.map((f) => input(f, true))}</div>
          </fieldset>
        ))}
      </div>
    );
  }
  return (
    <section className="space-y-3" data-testid="fields-preview" aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-center gap-3">
        <h4 id={`${id}-title`} className="text-sm font-semibold">
          {t("preview")}
        </h4>
        <Select value={current} onValueChange={setWhich}>
          <SelectTrigger
            className="h-8 w-56"
            aria-label={t("previewWhich")}
            data-testid="fields-preview-which"
          >
            <SelectValue>
              {current === NEW_DEAL
                ? t("previewNewDeal")
                : t("previewLeave", {
                    stage: localized(
                      stages.find((x) => x.id === current)?.data.name ?? { zh: "", en: "" },
                      locale,
                    ),
                  })}
            </SelectValue>
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={NEW_DEAL}>{t("previewNewDeal")}</SelectItem>
            {stages.map((s) => (
              <SelectItem key={s.id} value={s.id}>
                {t("previewLeave", { stage: localized(s.data.name, locale) })}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="rounded-lg border bg-background p-4 shadow-xs">{body}</div>
    </section>
  );
}

function PreviewField({
  field,
  required,
  id,
  value,
  onChange,
}: {
  field: FieldDef;
  required: boolean;
  id: string;
  value: DraftValue;
  onChange: (v: DraftValue) => void;
}) {
  const t = useTranslations("fieldsDesigner");
  const locale = useLocale();
  return (
    <div
      className={
        field.type === "longText" || field.type === "multiSelect"
          ? "grid gap-1.5 @xl:col-span-2"
          : "grid gap-1.5"
      }
    >
      <Label htmlFor={id}>
        {localized(field.name, locale) || field.key}
        {required ? (
          <span className="ml-0.5 text-destructive" aria-label={t("required")}>
            *
          </span>
        ) : null}
      </Label>
      <FieldInput id={id} field={field} value={value} invalid={false} onChange={onChange} />
    </div>
  );
}
