"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type ComponentProps } from "react";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { ComparisonOp, FieldDef } from "@/workflows/definition/schema";
import { parseNumber, valueKind, type Comparison } from "./operators";
import type { Directory } from "./types";

type Value = Comparison["value"];

/** A number input that keeps what is typed ("-", "1.") while the value holds only parsed numbers. */
export function NumberInput({
  value,
  onValue,
  unit,
  suffix,
  className,
  ...props
}: Omit<ComponentProps<"input">, "value" | "onChange"> & {
  value: number | undefined;
  onValue: (next: number | undefined) => void;
  unit?: string;
  suffix?: string;
}) {
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Only an outside change (undo, another row) rewrites the text being typed.
    setShown(value);
    if (parseNumber(text) !== value) setText(value === undefined ? "" : String(value));
  }
  return (
    <div className={cn("relative flex items-center", className)}>
      {unit ? (
        <span className="pointer-events-none absolute left-2.5 text-sm text-muted-foreground">{unit}</span>
      ) : null}
      <Input
        type="number"
        inputMode="decimal"
        step="any"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onValue(parseNumber(e.target.value));
        }}
        className={cn("h-8", unit && "pl-7", suffix && "pr-12")}
        {...props}
      />
      {suffix ? (
        <span className="pointer-events-none absolute right-2.5 text-xs text-muted-foreground">{suffix}</span>
      ) : null}
    </div>
  );
}

/** Toggle chips for choosing several values; each is a button with aria-pressed. */
function Chips({
  items,
  value,
  onChange,
  label,
  disabled,
}: {
  items: { value: string; label: string }[];
  value: string[];
  onChange: (next: string[]) => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-1" data-testid="condition-value">
      {items.map((item) => {
        const on = value.includes(item.value);
        return (
          <button
            key={item.value}
            type="button"
            aria-pressed={on}
            disabled={disabled}
            onClick={() => onChange(on ? value.filter((v) => v !== item.value) : [...value, item.value])}
            className={cn(
              "h-7 rounded-full border px-2.5 text-xs transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60",
              on
                ? "border-primary bg-primary/10 font-medium text-primary"
                : "border-input bg-card text-muted-foreground hover:bg-accent",
            )}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}

const asList = (v: Value): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];

/** The value control a comparison needs, chosen by its field's type and its operator. */
export function ValueInput({
  field,
  op,
  value,
  onChange,
  directory,
  disabled,
  label,
  invalid,
}: {
  field: FieldDef;
  op: ComparisonOp;
  value: Value;
  onChange: (next: Value) => void;
  directory: Directory;
  disabled?: boolean;
  label: string;
  invalid?: boolean;
}) {
  const t = useTranslations("ruleBuilder");
  const locale = useLocale();
  const kind = valueKind(field, op);
  const common = { "aria-label": label, "aria-invalid": invalid || undefined, disabled };
  const unit = field.type === "currency" ? t("currencySymbol") : undefined;
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: localized(o.label, locale) }));
  const users = directory.users.map((u) => ({ value: u.id, label: u.name }));
  const range = Array.isArray(value) ? value : [];
  const setRange = (i: 0 | 1, v: string | number | undefined) => {
    const next = [range[0] ?? "", range[1] ?? ""] as (string | number)[];
    next[i] = v ?? "";
    onChange(next.every((x) => x === "") ? undefined : next);
  };
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  const str = (v: unknown) => (typeof v === "string" ? v : "");

  switch (kind) {
    case "none":
      return null;
    case "number":
      return (
        <NumberInput
          {...common}
          data-testid="condition-value"
          unit={unit}
          min={field.type === "currency" ? 0 : field.min}
          max={field.max}
          value={num(value)}
          onValue={onChange}
          className="h-8 w-full @md:w-40"
        />
      );
    case "days":
      return (
        <NumberInput
          {...common}
          data-testid="condition-value"
          step={1}
          min={0}
          suffix={t("daysUnit")}
          value={num(value)}
          onValue={onChange}
          className="w-full @md:w-32"
        />
      );
    case "numberRange":
      return (
        <div className="flex flex-wrap items-center gap-1.5" data-testid="condition-value">
          <NumberInput
            {...common}
            aria-label={t("rangeFrom", { label })}
            unit={unit}
            value={num(range[0])}
            onValue={(v) => setRange(0, v)}
            className="min-w-28 flex-1 @md:w-32 @md:flex-none"
          />
          <span className="text-xs text-muted-foreground">{t("rangeAnd")}</span>
          <NumberInput
            {...common}
            aria-label={t("rangeTo", { label })}
            unit={unit}
            value={num(range[1])}
            onValue={(v) => setRange(1, v)}
            className="min-w-28 flex-1 @md:w-32 @md:flex-none"
          />
        </div>
      );
    case "date":
      return (
        <Input
          {...common}
          data-testid="condition-value"
          type="date"
          value={str(value)}
          onChange={(e) => onChange(e.target.value || undefined)}
          className="h-8 w-full @md:w-40"
        />
      );
    case "dateRange":
      return (
        <div className="flex flex-wrap items-center gap-1.5" data-testid="condition-value">
          <Input
            {...common}
            aria-label={t("rangeFrom", { label })}
            type="date"
            value={str(range[0])}
            onChange={(e) => setRange(0, e.target.value || undefined)}
            className="h-8 min-w-32 flex-1 @md:w-40 @md:flex-none"
          />
          <span className="text-xs text-muted-foreground">{t("rangeAnd")}</span>
          <Input
            {...common}
            aria-label={t("rangeTo", { label })}
            type="date"
            value={str(range[1])}
            onChange={(e) => setRange(1, e.target.value || undefined)}
            className="h-8 min-w-32 flex-1 @md:w-40 @md:flex-none"
          />
        </div>
      );
    case "boolean":
      return (
        <Chips
          label={label}
          disabled={disabled}
          items={[
            { value: "true", label: t("yes") },
            { value: "false", label: t("no") },
          ]}
          value={value === undefined ? [] : [String(value)]}
          onChange={(next) => {
            const last = next.at(-1);
            onChange(last === undefined ? undefined : last === "true");
          }}
        />
      );
    case "option":
    case "user": {
      const items = kind === "user" ? users : options;
      return (
        <Select value={str(value)} onValueChange={(v) => onChange(v)} disabled={disabled}>
          <SelectTrigger
            {...common}
            data-testid="condition-value"
            className="h-8 w-full whitespace-nowrap @md:w-44 [&>span]:truncate"
          >
            {/* The label is given, not left to Radix to copy from the closed list: it shows on first paint. */}
            <SelectValue placeholder={kind === "user" ? t("chooseUser") : t("chooseOption")}>
              {items.find((item) => item.value === value)?.label ?? (str(value) || undefined)}
            </SelectValue>
          </SelectTrigger>
          <SelectContent>
            {items.map((item) => (
              <SelectItem key={item.value} value={item.value}>
                {item.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      );
    }
    case "options":
    case "users":
      return (
        <Chips
          label={label}
          disabled={disabled}
          items={kind === "users" ? users : options}
          value={asList(value)}
          onChange={(next) => onChange(next.length ? next : undefined)}
        />
      );
    case "texts":
      return (
        <Input
          {...common}
          data-testid="condition-value"
          placeholder={t("textsHint")}
          defaultValue={asList(value).join(", ")}
          onBlur={(e) => {
            const list = e.target.value
              .split(/[,，、]/)
              .map((s) => s.trim())
              .filter(Boolean);
            onChange(list.length ? list : undefined);
          }}
          className="h-8 w-full @md:w-56"
        />
      );
    default:
      return (
        <Input
          {...common}
          data-testid="condition-value"
          value={str(value)}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          className="h-8 w-full @md:w-48"
        />
      );
  }
}
