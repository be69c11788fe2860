"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { localized } from "@/lib/i18n/localized";
import { Checkbox } from "@/lib/ui/checkbox";
import { cn } from "@/lib/ui/cn";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Switch } from "@/lib/ui/switch";
import type { FieldDef, FieldValue } from "./types";

/** What a form holds while the rep types: numbers stay text until submitted. */
export type DraftValue = string | boolean | string[] | undefined;

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn(
        "flex min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs transition-colors placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}

/** A stored value as the form edits it. */
export function toDraft(field: FieldDef, value: unknown): DraftValue {
  if (value === null || value === undefined) return undefined;
  if (field.type === "number" || field.type === "currency") return String(value);
  if (field.type === "multiSelect") return Array.isArray(value) ? value.map(String) : [];
  if (field.type === "boolean") return value === true;
  return String(value);
}

/** A draft as the value to send: empty is null; a number that does not parse is NaN. */
export function fromDraft(field: FieldDef, draft: DraftValue): FieldValue {
  if (draft === undefined) return null;
  if (field.type === "boolean") return draft === true;
  if (Array.isArray(draft)) return draft.length ? draft : null;
  const text = String(draft).trim();
  if (!text) return null;
  return field.type === "number" || field.type === "currency" ? Number(text) : text;
}

const TEXT_TYPE = { url: "url", email: "email", phone: "tel" } as const;

/** The control a field's type calls for: the form is generated from the pipeline's fields. */
export function FieldInput({
  id,
  field,
  value,
  invalid,
  onChange,
}: {
  id: string;
  field: FieldDef;
  value: DraftValue;
  invalid: boolean;
  onChange: (value: DraftValue) => void;
}) {
  const t = useTranslations("dealPage");
  const locale = useLocale();
  const common = {
    id,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${id}-error` : undefined,
  };
  switch (field.type) {
    case "longText":
      return (
        <Textarea
          {...common}
          rows={3}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "number":
    case "currency":
      return (
        <Input
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          min={field.type === "currency" ? 0 : field.min}
          max={field.max}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "date":
      return (
        <Input
          {...common}
          type="date"
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "select":
      return (
        <Select value={typeof value === "string" ? value : ""} onValueChange={onChange}>
          <SelectTrigger {...common}>
            <SelectValue placeholder={t("dialog.choose")} />
          </SelectTrigger>
          <SelectContent>
            {(field.options ?? []).map((o) => (
              <SelectItem key={o.value} value={o.value}>
                {localized(o.label, locale)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      );
    case "multiSelect": {
      const list = Array.isArray(value) ? value : [];
      return (
        <div {...common} role="group" className="flex flex-wrap gap-x-4 gap-y-2 rounded-md border p-3">
          {(field.options ?? []).map((o) => (
            <label key={o.value} className="flex cursor-pointer items-center gap-2 text-sm">
              <Checkbox
                checked={list.includes(o.value)}
                onCheckedChange={(c) => onChange(c ? [...list, o.value] : list.filter((v) => v !== o.value))}
              />
              {localized(o.label, locale)}
            </label>
          ))}
        </div>
      );
    }
    case "boolean":
      return (
        <div className="flex items-center gap-2">
          <Switch {...common} checked={value === true} onCheckedChange={onChange} />
          <span className="text-sm text-muted-foreground">
            {value === undefined ? t("dialog.unanswered") : value ? t("yes") : t("no")}
          </span>
        </div>
      );
    default:
      return (
        <Input
          {...common}
          type={field.format ? TEXT_TYPE[field.format] : "text"}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
