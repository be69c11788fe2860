"use client";

import { PlusIcon, Trash2Icon, TriangleAlertIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { MoveButtons } from "@/lib/ui/move-buttons";
import { Input } from "@/lib/ui/input";
import type { FieldDef, PipelineDefinition } from "@/workflows/definition/schema";
import { keyProblem, moveItem, uniqueKey } from "./keys";
import { fieldUsages } from "./usage";
import { UsageList } from "./usage-list";

type Option = NonNullable<FieldDef["options"]>[number];

/** The options of a select field: value (key) and zh/en label, reorder, remove with a warning when used. */
export function OptionsEditor({
  field,
  definition,
  onChange,
  readOnly,
}: {
  field: FieldDef;
  definition: PipelineDefinition;
  onChange: (options: Option[]) => void;
  readOnly?: boolean;
}) {
  const t = useTranslations("fieldsDesigner");
  const locale = useLocale();
  const options = field.options ?? [];
  // Values of options added here follow their English label until saved; stored values are fixed.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<number | null>(null);
  const set = (i: number, next: Option) => onChange(options.map((o, j) => (j === i ? next : o)));
  const add = () => {
    const value = uniqueKey(
      "option",
      options.map((o) => o.value),
      "option",
    );
    setFresh(new Set([...fresh, value]));
    onChange([...options, { value, label: { zh: "", en: "" } }]);
  };
  const remove = (i: number) => {
    setConfirm(null);
    onChange(options.filter((_, j) => j !== i));
  };
  return (
    <fieldset className="space-y-2" data-testid="fields-options">
      <legend className="mb-1 text-sm font-medium">{t("options")}</legend>
      {options.length === 0 ? <p className="text-xs text-destructive">{t("noOptions")}</p> : null}
      <div className="hidden grid-cols-[8rem_1fr_1fr_5.5rem] gap-2 px-0.5 text-[11px] text-muted-foreground @lg:grid">
        <span>{t("optionValue")}</span>
        <span>{t("labelZh")}</span>
        <span>{t("labelEn")}</span>
      </div>
      <ol className="space-y-1.5">
        {options.map((o, i) => {
          const isFresh = fresh.has(o.value);
          const problem = keyProblem(
            o.value,
            options.filter((_, j) => j !== i).map((x) => x.value),
          );
          const name = localized(o.label, locale) || o.value;
          const usages = confirm === i ? fieldUsages(definition, field.key, o.value) : [];
          return (
            <li key={i} className="space-y-1" data-testid="fields-option">
              <div className="grid grid-cols-2 gap-2 @lg:grid-cols-[8rem_1fr_1fr_5.5rem]">
                <Input
                  aria-label={t("optionValueOf", { n: i + 1 })}
                  value={o.value}
                  disabled={readOnly || !isFresh}
                  title={isFresh ? undefined : t("optionValueFixed")}
                  aria-invalid={problem ? true : undefined}
                  onChange={(e) => {
                    const value = e.target.value.trim();
                    setFresh(new Set([...fresh, value]));
                    set(i, { ...o, value });
                  }}
                  className="h-8 font-mono text-xs"
                />
                <Input
                  aria-label={t("optionLabelZhOf", { n: i + 1 })}
                  value={o.label.zh}
                  disabled={readOnly}
                  aria-invalid={!o.label.zh.trim() || undefined}
                  onChange={(e) => set(i, { ...o, label: { ...o.label, zh: e.target.value } })}
                  className="h-8"
                />
                <Input
                  aria-label={t("optionLabelEnOf", { n: i + 1 })}
                  value={o.label.en}
                  disabled={readOnly}
                  aria-invalid={!o.label.en.trim() || undefined}
                  onChange={(e) => {
                    const en = e.target.value;
                    const value = isFresh
                      ? uniqueKey(
                          en,
                          options.filter((_, j) => j !== i).map((x) => x.value),
                          "option",
                        )
                      : o.value;
                    if (value !== o.value) setFresh(new Set([...fresh, value]));
                    set(i, { value, label: { ...o.label, en } });
                  }}
                  className="h-8"
                />
                {readOnly ? null : (
                  <div className="flex items-center">
                    <MoveButtons
                      index={i}
                      count={options.length}
                      onMove={(to) => onChange(moveItem(options, i, to))}
                      upLabel={t("moveUp", { name })}
                      downLabel={t("moveDown", { name })}
                    />
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      className="size-7 text-muted-foreground hover:text-destructive"
                      aria-label={t("removeOption", { name })}
                      onClick={() =>
                        isFresh || fieldUsages(definition, field.key, o.value).length === 0
                          ? remove(i)
                          : setConfirm(i)
                      }
                      data-testid="fields-option-remove"
                    >
                      <Trash2Icon aria-hidden />
                    </Button>
                  </div>
                )}
              </div>
              {problem ? <p className="text-xs text-destructive">{t(`keyProblem.${problem}`)}</p> : null}
              {confirm === i ? (
                <div
                  role="alertdialog"
                  aria-label={t("removeOption", { name })}
                  className="space-y-2 rounded-md border border-warning/50 bg-warning/10 p-2.5 text-sm"
                >
                  <p className="flex items-center gap-2">
                    <TriangleAlertIcon className="size-4 shrink-0 text-[oklch(0.45_0.1_70)]" aria-hidden />
                    {t("optionUsed", { name, count: usages.length })}
                  </p>
                  <UsageList usages={usages} />
                  <p className="text-xs text-muted-foreground">{t("optionUsedHint")}</p>
                  <div className="flex justify-end gap-2">
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      onClick={() => setConfirm(null)}
                      autoFocus
                    >
                      {t("cancel")}
                    </Button>
                    <Button type="button" size="sm" variant="destructive" onClick={() => remove(i)}>
                      {t("removeAnyway")}
                    </Button>
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {readOnly ? null : (
        <Button type="button" variant="ghost" size="sm" onClick={add} data-testid="fields-option-add">
          <PlusIcon aria-hidden />
          {t("addOption")}
        </Button>
      )}
    </fieldset>
  );
}
