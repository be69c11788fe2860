"use client";

import { ArrowDownIcon, ArrowUpIcon, EyeIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { localized, localName } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Input } from "@/lib/ui/input";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { LocalizedText, OwnerRule } from "@/workflows/definition/schema";
import { useEditorContext } from "./context";
import { sanitizeKey, uniqueKey } from "./model";

/** A titled group of inspector controls. */
export function Section({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="grid gap-3 border-b px-4 py-4 last:border-b-0">
      <div className="flex items-center justify-between">
        <h3 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

export function Row({
  label,
  htmlFor,
  children,
  hint,
}: {
  label: string;
  htmlFor?: string;
  children: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={htmlFor} className="text-xs">
        {label}
      </Label>
      {children}
      {hint ? <p className="text-[11px] leading-snug text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

/** A text in both languages: 中文 and English side by side. */
export function TextPair({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: LocalizedText;
  onChange: (next: LocalizedText) => void;
  testId?: string;
}) {
  const t = useTranslations("editor.inspector");
  const { readOnly } = useEditorContext();
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-zh`} className="text-xs">
        {label}
      </Label>
      <div className="grid grid-cols-2 gap-2">
        <div className="relative">
          <Input
            id={`${id}-zh`}
            value={value.zh}
            disabled={readOnly}
            aria-label={`${label} (${t("zh")})`}
            data-testid={testId ? `${testId}-zh` : undefined}
            onChange={(e) => onChange({ ...value, zh: e.target.value })}
            className="h-8 pr-8 text-[13px]"
          />
          <span className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 text-[10px] text-muted-foreground">
            中
          </span>
        </div>
        <div className="relative">
          <Input
            value={value.en}
            disabled={readOnly}
            aria-label={`${label} (${t("en")})`}
            data-testid={testId ? `${testId}-en` : undefined}
            onChange={(e) => onChange({ ...value, en: e.target.value })}
            className="h-8 pr-8 text-[13px]"
          />
          <span className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 text-[10px] text-muted-foreground">
            EN
          </span>
        </div>
      </div>
      {!value.zh.trim() || !value.en.trim() ? (
        <p className="text-[11px] text-destructive">{t("bothLanguages")}</p>
      ) : null}
    </div>
  );
}

export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  suffix,
  testId,
}: {
  label: string;
  value: number | undefined;
  onChange: (next: number) => void;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
  testId?: string;
}) {
  const id = useId();
  const { readOnly } = useEditorContext();
  return (
    <Row label={label} htmlFor={id}>
      <div className="relative">
        <Input
          id={id}
          type="number"
          inputMode="decimal"
          value={value ?? ""}
          min={min}
          max={max}
          step={step}
          disabled={readOnly}
          data-testid={testId}
          onChange={(e) => {
            const n = e.target.valueAsNumber;
            if (!Number.isNaN(n)) onChange(n);
          }}
          className={cn("h-8 text-[13px]", suffix && "pr-10")}
        />
        {suffix ? (
          <span className="pointer-events-none absolute right-2.5 top-1/2 -translate-y-1/2 text-xs text-muted-foreground">
            {suffix}
          </span>
        ) : null}
      </div>
    </Row>
  );
}

export function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
  placeholder,
  testId,
}: {
  label?: string;
  value: T | undefined;
  options: { value: T; label: string }[];
  onChange: (next: T) => void;
  placeholder?: string;
  testId?: string;
}) {
  const id = useId();
  const { readOnly } = useEditorContext();
  const select = (
    <Select value={value ?? ""} onValueChange={(v) => onChange(v as T)} disabled={readOnly}>
      <SelectTrigger id={id} className="h-8 w-full text-[13px]" data-testid={testId} aria-label={label}>
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent className="z-[60]">
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
  return label ? (
    <Row label={label} htmlFor={id}>
      {select}
    </Row>
  ) : (
    select
  );
}

/** Picks fields of the definition (required fields of a stage or an action). */
export function FieldPicker({
  label,
  value,
  onChange,
  hint,
}: {
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  hint?: ReactNode;
}) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const { fields, readOnly } = useEditorContext();
  const unknown = value.filter((k) => !fields.some((f) => f.key === k));
  return (
    <Row label={label} hint={hint}>
      {fields.length === 0 ? (
        <p className="text-xs text-muted-foreground">{t("noFields")}</p>
      ) : (
        <div className="flex flex-wrap gap-1.5" role="group" aria-label={label}>
          {fields.map((f) => {
            const on = value.includes(f.key);
            return (
              <button
                key={f.key}
                type="button"
                role="checkbox"
                aria-checked={on}
                disabled={readOnly}
                onClick={() => onChange(on ? value.filter((k) => k !== f.key) : [...value, f.key])}
                className={cn(
                  "rounded-full border px-2.5 py-1 text-xs transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  on ? "border-primary bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted",
                )}
              >
                {localized(f.name, locale)}
              </button>
            );
          })}
          {unknown.map((k) => (
            <button
              key={k}
              type="button"
              disabled={readOnly}
              onClick={() => onChange(value.filter((x) => x !== k))}
              className="rounded-full border border-destructive/40 px-2.5 py-1 font-mono text-xs text-destructive line-through"
              title={t("unknownField")}
            >
              {k}
            </button>
          ))}
        </div>
      )}
    </Row>
  );
}

/** Who owns the deal: keep / the team's manager / a user / round robin in a team / by a field. */
export function OwnerRuleEditor({
  value,
  onChange,
  allowNone,
}: {
  value: OwnerRule | undefined;
  onChange: (next: OwnerRule | undefined) => void;
  allowNone?: boolean;
}) {
  const t = useTranslations("editor.owner");
  const locale = useLocale();
  const { directory, fields } = useEditorContext();
  const kind = value?.kind ?? (allowNone ? "none" : "keep");
  const teams = directory.teams.filter((x): x is typeof x & { key: string } => !!x.key);
  const firstTeam = teams[0]?.key ?? "team";
  const options = [
    ...(allowNone ? [{ value: "none", label: t("none") }] : []),
    { value: "keep", label: t("keep") },
    { value: "teamManager", label: t("teamManager") },
    { value: "user", label: t("user") },
    { value: "roundRobin", label: t("roundRobin") },
    { value: "byField", label: t("byField") },
  ];
  const change = (k: string) => {
    if (k === "none") onChange(undefined);
    else if (k === "keep" || k === "teamManager") onChange({ kind: k });
    else if (k === "user") onChange({ kind: "user", userId: directory.users[0]?.id ?? "" });
    else if (k === "roundRobin") onChange({ kind: "roundRobin", teamKey: firstTeam });
    else if (k === "byField") {
      const field = fields.find((f) => f.type === "select") ?? fields[0];
      onChange({ kind: "byField", field: field?.key ?? "field", teams: {}, fallbackTeamKey: firstTeam });
    }
  };
  const teamOptions = teams.map((x) => ({ value: x.key, label: localName(x, locale) }));
  return (
    <div className="grid gap-2">
      <Choice label={t("label")} value={kind} options={options} onChange={change} testId="owner-rule" />
      {value?.kind === "user" ? (
        <Choice
          label={t("userLabel")}
          value={value.userId}
          options={directory.users.map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
          onChange={(userId) => onChange({ kind: "user", userId })}
        />
      ) : null}
      {value?.kind === "roundRobin" ? (
        <Choice
          label={t("teamLabel")}
          value={value.teamKey}
          options={teamOptions}
          onChange={(teamKey) => onChange({ kind: "roundRobin", teamKey })}
        />
      ) : null}
      {value?.kind === "byField" ? (
        <ByFieldEditor value={value} onChange={onChange} teamOptions={teamOptions} />
      ) : null}
    </div>
  );
}

function ByFieldEditor({
  value,
  onChange,
  teamOptions,
}: {
  value: Extract<OwnerRule, { kind: "byField" }>;
  onChange: (next: OwnerRule) => void;
  teamOptions: { value: string; label: string }[];
}) {
  const t = useTranslations("editor.owner");
  const locale = useLocale();
  const { fields } = useEditorContext();
  const field = fields.find((f) => f.key === value.field);
  return (
    <div className="grid gap-2 rounded-md border bg-muted/30 p-2.5">
      <Choice
        label={t("fieldLabel")}
        value={value.field}
        options={fields
          .filter((f) => f.type === "select")
          .map((f) => ({ value: f.key, label: localized(f.name, locale) }))}
        onChange={(k) => onChange({ ...value, field: k, teams: {} })}
      />
      {(field?.options ?? []).map((o) => (
        <div key={o.value} className="grid grid-cols-[1fr_1.4fr] items-center gap-2">
          <span className="truncate text-xs">{localized(o.label, locale)}</span>
          <Choice
            value={value.teams[o.value]}
            placeholder={t("fallback")}
            options={teamOptions}
            onChange={(k) => onChange({ ...value, teams: { ...value.teams, [o.value]: k } })}
          />
        </div>
      ))}
      <Choice
        label={t("fallbackLabel")}
        value={value.fallbackTeamKey}
        options={teamOptions}
        onChange={(k) => onChange({ ...value, fallbackTeamKey: k })}
      />
    </div>
  );
}

/** A stage's exit checklist: items in both languages, added, removed and reordered. */
export function ChecklistEditor({
  value,
  onChange,
}: {
  value: { id: string; label: LocalizedText }[];
  onChange: (next: { id: string; label: LocalizedText }[]) => void;
}) {
  const t = useTranslations("editor.inspector");
  const { readOnly } = useEditorContext();
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };
  return (
    <div className="grid gap-2">
      {value.map((item, i) => (
        <div key={item.id} className="grid gap-1.5 rounded-md border bg-muted/20 p-2">
          <div className="flex items-center gap-1">
            <span className="flex-1 font-mono text-[10px] text-muted-foreground">{item.id}</span>
            <Button
              variant="ghost"
              size="icon"
              className="size-6"
              aria-label={t("moveUp")}
              disabled={readOnly || i === 0}
              onClick={() => move(i, -1)}
            >
              <ArrowUpIcon className="!size-3.5" />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              className="size-6"
              aria-label={t("moveDown")}
              disabled={readOnly || i === value.length - 1}
              onClick={() => move(i, 1)}
            >
              <ArrowDownIcon className="!size-3.5" />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              className="size-6"
              aria-label={t("removeItem")}
              disabled={readOnly}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <Trash2Icon className="!size-3.5" />
            </Button>
          </div>
          <TextPair
            label={t("itemLabel", { n: i + 1 })}
            value={item.label}
            onChange={(label) => onChange(value.map((x, j) => (j === i ? { ...x, label } : x)))}
          />
        </div>
      ))}
      <Button
        variant="outline"
        size="sm"
        disabled={readOnly}
        onClick={() =>
          onChange([
            ...value,
            {
              id: uniqueKey(sanitizeKey(`item_${value.length + 1}`), new Set(value.map((x) => x.id))),
              label: { zh: "新检查项", en: "New item" },
            },
          ])
        }
      >
        <PlusIcon />
        {t("addItem")}
      </Button>
    </div>
  );
}

/** Guidance for reps in markdown, both languages, with a preview of what reps will see. */
export function GuidanceEditor({
  value,
  onChange,
}: {
  value: LocalizedText | undefined;
  onChange: (next: LocalizedText | undefined) => void;
}) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const { readOnly } = useEditorContext();
  const [preview, setPreview] = useState(false);
  const [lang, setLang] = useState<"zh" | "en">(locale.startsWith("zh") ? "zh" : "en");
  const text = value?.[lang] ?? "";
  const set = (next: string) => {
    const both = { zh: value?.zh ?? "", en: value?.en ?? "", [lang]: next };
    onChange(both.zh.trim() || both.en.trim() ? both : undefined);
  };
  return (
    <div className="grid gap-2">
      <div className="flex items-center gap-1">
        {(["zh", "en"] as const).map((l) => (
          <button
            key={l}
            type="button"
            aria-pressed={lang === l}
            onClick={() => setLang(l)}
            className={cn(
              "rounded px-2 py-0.5 text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              lang === l ? "bg-secondary font-medium" : "text-muted-foreground hover:bg-muted",
            )}
          >
            {t(l)}
          </button>
        ))}
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto h-6 px-2"
          onClick={() => setPreview((p) => !p)}
          aria-pressed={preview}
        >
          {preview ? <PencilIcon /> : <EyeIcon />}
          {preview ? t("edit") : t("preview")}
        </Button>
      </div>
      {preview ? (
        <div className="prose-sm min-h-24 rounded-md border bg-muted/20 px-3 py-2 text-[13px] leading-relaxed [&_a]:text-primary [&_a]:underline [&_li]:ml-4 [&_ol]:list-decimal [&_strong]:font-semibold [&_ul]:list-disc">
          {text.trim() ? (
            <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>
          ) : (
            <span className="text-muted-foreground">{t("noGuidance")}</span>
          )}
        </div>
      ) : (
        <textarea
          value={text}
          disabled={readOnly}
          onChange={(e) => set(e.target.value)}
          rows={5}
          aria-label={`${t("guidance")} (${t(lang)})`}
          placeholder={t("guidancePlaceholder")}
          className="w-full rounded-md border border-input bg-card px-3 py-2 font-mono text-xs leading-relaxed shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
      )}
      {value && (!value.zh.trim() || !value.en.trim()) ? (
        <p className="text-[11px] text-destructive">{t("bothLanguages")}</p>
      ) : null}
    </div>
  );
}
