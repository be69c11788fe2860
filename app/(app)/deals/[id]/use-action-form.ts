"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { fromDraft, toDraft, type DraftValue } from "./field-input";
import { isSet, type DealAction, type DealData, type DealForm, type FieldValue } from "./types";
import type { ApplyFailure, ApplyInput } from "./use-apply-action";

export type Problems = { fields: Record<string, string>; items: Record<string, string>; other: string[] };
const NONE: Problems = { fields: {}, items: {}, other: [] };

/**
 * The state of an action's form: what it asks for (the fields and ticks the action still needs,
 * then the fields that decide where it leads, prefilled), what the rep entered, and what went
 * wrong, each reason by the input it is about.
 */
export function useActionForm(deal: DealData, form: DealForm, action: DealAction) {
  const t = useTranslations("dealPage");
  const locale = useLocale();
  const fieldOf = (key: string) => form.fields.find((f) => f.key === key);
  const [required, setRequired] = useState(action.missingFields);
  const [items, setItems] = useState(action.missingChecklist);
  const optional = (form.actions.find((a) => a.key === action.key)?.conditionFields ?? []).filter(
    (k) => !required.includes(k) && fieldOf(k),
  );
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() =>
    Object.fromEntries(optional.map((k) => [k, toDraft(fieldOf(k)!, deal.values[k])])),
  );
  const [checked, setChecked] = useState<string[]>([]);
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<Problems>(NONE);
  const [alert, setAlert] = useState<{ message: string; conflict: boolean } | null>(null);

  /** The values that differ from the deal's, or null with the inputs that do not parse. */
  function changes(): Record<string, FieldValue> | null {
    const out: Record<string, FieldValue> = {};
    const invalid: Record<string, string> = {};
    for (const key of [...required, ...optional]) {
      const field = fieldOf(key);
      if (!field) continue;
      const value = fromDraft(field, drafts[key]);
      if (typeof value === "number" && !Number.isFinite(value)) invalid[key] = t("dialog.notANumber");
      const current = deal.values[key] ?? null;
      if (!isSet(value) && !isSet(current)) continue;
      if (JSON.stringify(value) !== JSON.stringify(current)) out[key] = value;
    }
    if (Object.keys(invalid).length === 0) return out;
    setAlert(null);
    setProblems({ ...NONE, fields: invalid });
    return null;
  }

  function show(failure: ApplyFailure) {
    setAlert({ message: failure.message, conflict: failure.kind === "conflict" });
    if (failure.kind === "invalid") return setProblems({ ...NONE, fields: failure.fields });
    if (failure.kind !== "refused") return setProblems(NONE);
    const next: Problems = { fields: {}, items: {}, other: [] };
    for (const r of failure.reasons) {
      const message = localized(r.message, locale);
      if (r.kind === "missingField" && fieldOf(r.field)) next.fields[r.field] = message;
      else if (r.kind === "checklist") next.items[r.item] = message;
      else next.other.push(message);
    }
    // A reason about something the form does not ask for yet: ask for it now.
    setRequired((list) => [...new Set([...list, ...Object.keys(next.fields)])]);
    setItems((list) => [...new Set([...list, ...Object.keys(next.items)])]);
    setProblems(next);
  }

  /** What to send, or null when an input must be corrected first. */
  function input(): ApplyInput | null {
    const values = changes();
    if (!values) return null;
    return {
      action: action.key,
      changes: Object.keys(values).length ? values : undefined,
      checked: checked.length ? checked : undefined,
      comment: comment.trim() || undefined,
    };
  }

  return {
    required,
    optional,
    items,
    drafts,
    setDraft: (key: string, value: DraftValue) => setDrafts((d) => ({ ...d, [key]: value })),
    checked,
    setChecked,
    comment,
    setComment,
    problems,
    alert,
    input,
    show,
  };
}
