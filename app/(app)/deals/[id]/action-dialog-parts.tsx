"use client";

import { RefreshCwIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Checkbox } from "@/lib/ui/checkbox";
import { cn } from "@/lib/ui/cn";
import { FormAlert } from "@/app/_components/form-alert";
import type { DealForm } from "./types";

/** A titled group of an action form's inputs; `columns` sets short fields side by side. */
export function DialogSection({
  title,
  hint,
  columns = false,
  children,
}: {
  title: string;
  hint?: string;
  columns?: boolean;
  children: ReactNode;
}) {
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-3 w-full border-b pb-2">
        <span className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</span>
        {hint ? <span className="mt-0.5 block text-xs text-muted-foreground">{hint}</span> : null}
      </legend>
      <div className={cn("grid gap-4", columns && "sm:grid-cols-2")}>{children}</div>
    </fieldset>
  );
}

/** The exit-checklist items an action needs ticked, each with its refusal when it was refused. */
export function ChecklistInputs({
  form,
  items,
  checked,
  errors,
  onChange,
}: {
  form: DealForm;
  items: string[];
  checked: string[];
  errors: Record<string, string>;
  onChange: (checked: string[]) => void;
}) {
  const locale = useLocale();
  const labels = new Map(form.stages.flatMap((s) => s.exitChecklist).map((i) => [i.id, i.label]));
  return (
    <div className="grid gap-2">
      {items.map((id) => {
        const label = labels.get(id);
        const error = errors[id];
        return (
          <div key={id}>
            <label
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors hover:bg-muted/40",
                checked.includes(id) && "border-primary/40 bg-primary/5",
                error && !checked.includes(id) && "border-destructive/50",
              )}
            >
              <Checkbox
                className="mt-0.5"
                checked={checked.includes(id)}
                aria-invalid={Boolean(error) || undefined}
                onCheckedChange={(c) => onChange(c ? [...checked, id] : checked.filter((x) => x !== id))}
              />
              <span>{label ? localized(label, locale) : id}</span>
            </label>
            {error && !checked.includes(id) ? (
              <p role="alert" className="mt-1 text-xs text-destructive">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** Why the action did not go through: the message, reasons no input is about, and a reload on a conflict. */
export function ActionAlert({
  message,
  reasons,
  onReload,
}: {
  message: string;
  reasons: string[];
  onReload?: () => void;
}) {
  const t = useTranslations("dealPage");
  const ref = useRef<HTMLDivElement>(null);
  // The form may be scrolled down to its button: bring the news into view.
  // (A block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [message, reasons]);
  return (
    <div ref={ref}>
      <FormAlert>
        <p>{message}</p>
        {reasons.length ? (
          <ul className="mt-1 list-disc pl-4">
            {reasons.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {onReload ? (
          <Button type="button" size="sm" variant="outline" className="mt-2" onClick={onReload}>
            <RefreshCwIcon />
            {t("reload")}
          </Button>
        ) : null}
      </FormAlert>
    </div>
  );
}
