"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { editConflicts, type EditConflict } from "./edit-conflicts";
import { fromDraft, toDraft, type DraftValue } from "./field-input";
import { isSet, type DealData, type DealForm, type FieldValue } from "./types";

/** Currencies a deal may be kept in (the server's list in lib/server/deals/update-deal.ts). */
export const CURRENCIES = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** A save refused because someone saved first: the deal as it is now and what changed. */
export type Conflict = { current: DealData; form: DealForm; rows: EditConflict[] };

type ErrorData = {
  code?: string;
  details?: {
    issues?: { field: string; message: { zh: string; en: string } }[];
    missingFields?: string[];
  };
};

const draftsOf = (deal: DealData, form: DealForm) =>
  Object.fromEntries(form.fields.map((f) => [f.key, toDraft(f, deal.values[f.key])]));

/**
 * Editing a deal's fields outside an action. The edit starts from the deal as the user saw it
 * (`base`, and its version); only the fields they changed are sent. When someone saved in
 * between, the save is refused (CONFLICT): the current deal is fetched and compared field by
 * field, and `reapply` puts the user's edits on top of it and saves again — nothing is lost.
 */
export function useDealEdit(deal: DealData, form: DealForm, onSaved: () => void) {
  const t = useTranslations("dealPage.edit");
  const tv = useTranslations("validation");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(trpc.deals.update.mutationOptions());
  const [base, setBase] = useState(deal);
  const [baseForm, setBaseForm] = useState(form);
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() => draftsOf(deal, form));
  const [currency, setCurrency] = useState(deal.deal.currency);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  /** The user's edits against `on`: only fields whose value differs; null when an input is wrong. */
  function pending(on: DealData, values = drafts, cur = currency): Record<string, FieldValue> | null {
    const out: Record<string, FieldValue> = {};
    const invalid: Record<string, string> = {};
    for (const field of baseForm.fields) {
      const value = fromDraft(field, values[field.key]);
      if (typeof value === "number" && !Number.isFinite(value)) invalid[field.key] = t("notANumber");
      else if (field.requiredAtCreation && !isSet(value)) invalid[field.key] = tv("required");
      const was = on.values[field.key] ?? null;
      if (!isSet(value) && !isSet(was)) continue;
      if (JSON.stringify(value) !== JSON.stringify(was)) out[field.key] = value;
    }
    if (cur !== on.deal.currency) out.currency = cur;
    if (Object.keys(invalid).length === 0) return out;
    setErrors(invalid);
    setAlert(t("fix"));
    return null;
  }

  async function send(on: DealData, mine: Record<string, FieldValue>) {
    const { currency: cur, ...changes } = mine;
    if (Object.keys(mine).length === 0) return onSaved();
    setErrors({});
    setAlert(null);
    try {
      await mutation.mutateAsync({
        dealId: on.deal.id,
        expectedVersion: on.deal.version,
        changes,
        currency: typeof cur === "string" ? (cur as Currency) : undefined,
      });
      setConflict(null);
      toast.success(t("saved"));
      await queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
      onSaved();
    } catch (e) {
      const data = (e instanceof TRPCClientError ? (e.data ?? {}) : {}) as ErrorData;
      if (data.code === "CONFLICT") {
        const [current, currentForm] = await Promise.all([
          queryClient.fetchQuery({ ...trpc.deals.get.queryOptions({ dealId: on.deal.id }), staleTime: 0 }),
          queryClient.fetchQuery({ ...trpc.deals.form.queryOptions({ dealId: on.deal.id }), staleTime: 0 }),
        ]);
        setConflict({ current, form: currentForm, rows: editConflicts(on, current, mine) });
        return;
      }
      const fields: Record<string, string> = {};
      for (const issue of data.details?.issues ?? []) fields[issue.field] = localized(issue.message, locale);
      for (const key of data.details?.missingFields ?? []) fields[key] = tv("required");
      setErrors(fields);
      setAlert(errorMessage(e));
    }
  }

  async function save() {
    const mine = pending(base);
    if (mine) await send(base, mine);
  }

  /** Reloads the current deal, keeps the user's edits on top of it and saves them. */
  async function reapply() {
    if (!conflict) return;
    const mine = pending(base);
    if (!mine) return;
    const { current, form: currentForm } = conflict;
    const next = { ...draftsOf(current, currentForm) };
    for (const field of currentForm.fields) if (field.key in mine) next[field.key] = drafts[field.key];
    const cur = typeof mine.currency === "string" ? mine.currency : current.deal.currency;
    setBase(current);
    setBaseForm(currentForm);
    setDrafts(next);
    setCurrency(cur);
    await send(current, mine);
  }

  /** Drops the user's edits and shows the current deal. */
  function discard() {
    if (!conflict) return;
    setBase(conflict.current);
    setBaseForm(conflict.form);
    setDrafts(draftsOf(conflict.current, conflict.form));
    setCurrency(conflict.current.deal.currency);
    setConflict(null);
    setAlert(null);
    void queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
  }

  return {
    base,
    form: baseForm,
    drafts,
    setDraft: (key: string, value: DraftValue) => {
      setDrafts((d) => ({ ...d, [key]: value }));
      if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
    },
    currency,
    setCurrency,
    errors,
    alert,
    conflict,
    saving: mutation.isPending,
    save,
    reapply,
    discard,
  };
}
