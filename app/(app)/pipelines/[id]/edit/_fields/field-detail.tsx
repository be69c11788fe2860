"use client";

import { Trash2Icon, TriangleAlertIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Switch } from "@/lib/ui/switch";
import {
  FIELD_TYPES,
  type FieldDef,
  type FieldType,
  type PipelineDefinition,
} from "@/workflows/definition/schema";
import { NumberInput } from "../_rules/value-input";
import { keyProblem, uniqueKey } from "./keys";
import { OptionsEditor } from "./options-editor";
import { rangeProblem, retype, retypeNeedsCheck, hasOptions } from "./retype";
import { RetypeCheck } from "./retype-check";
import { fieldUsages } from "./usage";
import { UsageList } from "./usage-list";

const FORMATS = ["none", "url", "email", "phone"] as const;

/** The editor of one field: names, key, type (checked against stored deals), options, limits, removal. */
export function FieldDetail({
  field,
  index,
  definition,
  pipelineId,
  isNew,
  keyTouched,
  onChange,
  onKeyTouched,
  onRemove,
  readOnly,
}: {
  field: FieldDef;
  index: number;
  definition: PipelineDefinition;
  pipelineId: string;
  isNew: boolean;
  keyTouched: boolean;
  onChange: (next: FieldDef) => void;
  onKeyTouched: (key: string) => void;
  onRemove: () => void;
  readOnly?: boolean;
}) {
  const t = useTranslations("fieldsDesigner");
  const locale = useLocale();
  const id = useId();
  const [pendingType, setPendingType] = useState<FieldType | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const others = definition.fields.filter((_, j) => j !== index).map((f) => f.key);
  const problem = keyProblem(field.key, others);
  const usages = fieldUsages(definition, field.key);
  const name = localized(field.name, locale) || field.key;
  const setType = (type: FieldType) => {
    if (type === field.type) return;
    if (isNew || !retypeNeedsCheck(field.type, type)) onChange(retype(field, type));
    else setPendingType(type);
  };
  return (
    <div className="space-y-4" data-testid="fields-detail">
      <div className="grid gap-3 @md:grid-cols-2">
        <Field
          id={`${id}-zh`}
          label={t("nameZh")}
          error={field.name.zh.trim() ? undefined : t("nameRequired")}
        >
          <Input
            id={`${id}-zh`}
            value={field.name.zh}
            disabled={readOnly}
            aria-invalid={!field.name.zh.trim() || undefined}
            onChange={(e) => onChange({ ...field, name: { ...field.name, zh: e.target.value } })}
            data-testid="fields-name-zh"
          />
        </Field>
        <Field
          id={`${id}-en`}
          label={t("nameEn")}
          error={field.name.en.trim() ? undefined : t("nameRequired")}
        >
          <Input
            id={`${id}-en`}
            value={field.name.en}
            disabled={readOnly}
            aria-invalid={!field.name.en.trim() || undefined}
            onChange={(e) => {
              const en = e.target.value;
              const key = isNew && !keyTouched ? uniqueKey(en, others) : field.key;
              onChange({ ...field, key, name: { ...field.name, en } });
            }}
            data-testid="fields-name-en"
          />
        </Field>
        <Field
          id={`${id}-key`}
          label={t("key")}
          error={problem ? t(`keyProblem.${problem}`) : undefined}
          hint={isNew ? t("keyHintNew") : t("keyHintFixed")}
        >
          <Input
            id={`${id}-key`}
            value={field.key}
            disabled={readOnly || !isNew}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => {
              const key = e.target.value.trim();
              onKeyTouched(key);
              onChange({ ...field, key });
            }}
            className="font-mono text-xs"
            data-testid="fields-key"
          />
        </Field>
        <Field id={`${id}-type`} label={t("type")}>
          <Select
            value={pendingType ?? field.type}
            onValueChange={(v) => setType(v as FieldType)}
            disabled={readOnly}
          >
            <SelectTrigger id={`${id}-type`} data-testid="fields-type">
              <SelectValue>{t(`types.${pendingType ?? field.type}`)}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              {FIELD_TYPES.map((type) => (
                <SelectItem key={type} value={type}>
                  {t(`types.${type}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      </div>
      {pendingType ? (
        <RetypeCheck
          pipelineId={pipelineId}
          from={field}
          to={retype(field, pendingType)}
          definition={definition}
          onApply={() => {
            onChange(retype(field, pendingType));
            setPendingType(null);
          }}
          onCancel={() => setPendingType(null)}
        />
      ) : null}
      <div className="flex items-center gap-3">
        <Switch
          id={`${id}-req`}
          checked={field.requiredAtCreation === true}
          disabled={readOnly}
          onCheckedChange={(on) => {
            const { requiredAtCreation: _r, ...rest } = field;
            onChange(on ? { ...rest, requiredAtCreation: true } : rest);
          }}
          data-testid="fields-required"
        />
        <Label htmlFor={`${id}-req`} className="font-normal">
          {t("requiredAtCreation")}
        </Label>
      </div>
      {field.type === "number" ? (
        <NumberLimits field={field} onChange={onChange} readOnly={readOnly} />
      ) : null}
      {field.type === "text" ? (
        <Field id={`${id}-format`} label={t("format")}>
          <Select
            value={field.format ?? "none"}
            disabled={readOnly}
            onValueChange={(v) => {
              const { format: _f, ...rest } = field;
              onChange(v === "none" ? rest : { ...rest, format: v as NonNullable<FieldDef["format"]> });
            }}
          >
            <SelectTrigger id={`${id}-format`} className="w-48">
              <SelectValue>{t(`formats.${field.format ?? "none"}`)}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              {FORMATS.map((f) => (
                <SelectItem key={f} value={f}>
                  {t(`formats.${f}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      ) : null}
      {hasOptions(field.type) ? (
        <OptionsEditor
          field={field}
          definition={definition}
          readOnly={readOnly}
          onChange={(options) => onChange({ ...field, options })}
        />
      ) : null}
      <div className="space-y-1.5 border-t pt-3">
        <p className="text-xs font-medium">
          {usages.length ? t("usedIn", { count: usages.length }) : t("unused")}
        </p>
        <UsageList usages={usages} />
      </div>
      {readOnly ? null : confirmRemove ? (
        <div
          role="alertdialog"
          aria-label={t("removeField", { name })}
          className="space-y-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
        >
          <p className="flex items-center gap-2">
            <TriangleAlertIcon className="size-4 shrink-0 text-destructive" aria-hidden />
            {t("removeUsed", { name, count: usages.length })}
          </p>
          <UsageList usages={usages} />
          <div className="flex justify-end gap-2">
            <Button
              type="button"
              size="sm"
              variant="outline"
              onClick={() => setConfirmRemove(false)}
              autoFocus
            >
              {t("cancel")}
            </Button>
            <Button
              type="button"
              size="sm"
              variant="destructive"
              onClick={onRemove}
              data-testid="fields-remove-confirm"
            >
              {t("removeAnyway")}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="text-destructive hover:bg-destructive/10 hover:text-destructive"
          onClick={() => (usages.length ? setConfirmRemove(true) : onRemove())}
          data-testid="fields-remove"
        >
          <Trash2Icon aria-hidden />
          {t("removeField", { name })}
        </Button>
      )}
    </div>
  );
}

function NumberLimits({
  field,
  onChange,
  readOnly,
}: {
  field: FieldDef;
  onChange: (next: FieldDef) => void;
  readOnly?: boolean;
}) {
  const t = useTranslations("fieldsDesigner");
  const id = useId();
  const set = (k: "min" | "max", n: number | undefined) => {
    const { [k]: _old, ...rest } = field;
    onChange(n === undefined ? rest : { ...rest, [k]: n });
  };
  const problem = rangeProblem(field);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-3">
        {(["min", "max"] as const).map((k) => (
          <div key={k} className="grid gap-1.5">
            <Label htmlFor={`${id}-${k}`}>{t(k)}</Label>
            <NumberInput
              id={`${id}-${k}`}
              value={field[k]}
              onValue={(n) => set(k, n)}
              disabled={readOnly}
              aria-invalid={problem ? true : undefined}
              placeholder={t("noLimit")}
              className="w-32"
            />
          </div>
        ))}
      </div>
      {problem ? <p className="text-xs text-destructive">{t("rangeOrder")}</p> : null}
    </div>
  );
}
