"use client";

import { Loader2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { FormAlert } from "@/app/_components/form-alert";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { EditConflictAlert } from "./edit-conflict-alert";
import { FieldInput } from "./field-input";
import { isSet, type DealData, type DealForm, type FieldDef } from "./types";
import { CURRENCIES, useDealEdit, type Currency } from "./use-deal-edit";
import { fromDraft } from "./field-input";

/** The label of a field in a deal form: required marks and "needed to leave" beside the name. */
export function FieldLabel({ field, leaving }: { field: FieldDef; leaving: string | null }) {
  const t = useTranslations("dealPage.edit");
  const locale = useLocale();
  return (
    <span className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
      {localized(field.name, locale)}
      {field.requiredAtCreation ? (
        <span aria-hidden className="text-destructive">
          *
        </span>
      ) : null}
      {leaving ? (
        <span className="rounded bg-warning/20 px-1.5 py-px text-[0.6875rem] font-normal text-[oklch(0.45_0.1_70)]">
          {t("neededToLeave", { stage: leaving })}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Every field of the deal's pipeline version in the action forms' inputs, plus the currency;
 * the fields the current stage needs before the deal can leave it are marked, and counted when
 * still empty. Saves only what changed, at the version the edit started from.
 */
export function FieldsEditor({ deal, form, onDone }: { deal: DealData; form: DealForm; onDone: () => void }) {
  const t = useTranslations("dealPage.edit");
  const tc = useTranslations("common");
  const locale = useLocale();
  const edit = useDealEdit(deal, form, onDone);
  const stage = edit.form.stages.find((s) => s.key === edit.base.deal.stage);
  const leaving = new Set(stage?.outcome === "open" ? stage.requiredFields : []);
  const stageName = stage ? localized(stage.name, locale) : "";
  const stillMissing = edit.form.fields.filter(
    (f) => leaving.has(f.key) && !isSet(fromDraft(f, edit.drafts[f.key])),
  ).length;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void edit.save();
  }

  return (
    <form
      className="grid gap-5"
      onSubmit={onSubmit}
      onKeyDown={(e) => e.key === "Escape" && !edit.saving && !e.defaultPrevented && onDone()}
      noValidate
      data-testid="fields-editor"
    >
      {edit.conflict ? (
        <EditConflictAlert
          conflict={edit.conflict}
          busy={edit.saving}
          onReapply={() => void edit.reapply()}
          onDiscard={edit.discard}
        />
      ) : edit.alert ? (
        <FormAlert>{edit.alert}</FormAlert>
      ) : null}
      {leaving.size ? (
        <p className="rounded-md bg-muted px-3 py-2 text-xs text-muted-foreground" data-testid="leave-hint">
          {stillMissing
            ? t("stillMissing", { count: stillMissing, stage: stageName })
            : t("allSet", { stage: stageName })}
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {edit.form.fields.map((field) => {
          const id = `edit-field-${field.key}`;
          const wide = field.type === "longText" || field.type === "multiSelect";
          const error = edit.errors[field.key];
          return (
            <div key={field.key} className={wide ? "sm:col-span-2" : undefined}>
              <Field
                id={id}
                error={error}
                label={<FieldLabel field={field} leaving={leaving.has(field.key) ? stageName : null} />}
              >
                <div className={field.key === "amount" ? "flex gap-2" : undefined}>
                  <FieldInput
                    id={id}
                    field={field}
                    value={edit.drafts[field.key]}
                    invalid={Boolean(error)}
                    onChange={(v) => edit.setDraft(field.key, v)}
                  />
                  {field.key === "amount" ? (
                    <Select value={edit.currency} onValueChange={(v) => edit.setCurrency(v as Currency)}>
                      <SelectTrigger id="edit-currency" aria-label={t("currency")} className="w-24 shrink-0">
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
                  ) : null}
                </div>
              </Field>
            </div>
          );
        })}
      </div>
      <div className="sticky bottom-0 -mx-5 -mb-5 flex justify-end gap-2 rounded-b-xl border-t bg-card/95 px-5 py-3 backdrop-blur">
        <Button type="button" variant="outline" onClick={onDone} disabled={edit.saving}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={edit.saving || Boolean(edit.conflict)} data-testid="edit-save">
          {edit.saving ? <Loader2Icon className="animate-spin" /> : null}
          {tc("save")}
        </Button>
      </div>
    </form>
  );
}
