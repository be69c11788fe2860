"use client";

import { useLocale } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import type { DealAction, DealForm } from "./types";

/** Where an action may leave the deal: past its decisions, to stages or approvals. */
export function destinations(action: DealAction, form: DealForm) {
  return form.actions.find((a) => a.key === action.key)?.leadsTo ?? action.targets;
}

/** Whether an action closes the deal: as lost when it can only lose it, as won when it may win it. */
export function closesAs(action: DealAction, form: DealForm) {
  const outcomes = destinations(action, form).map((k) => form.stages.find((s) => s.key === k)?.outcome);
  if (outcomes.length && outcomes.every((o) => o === "lost")) return "lost" as const;
  if (outcomes.some((o) => o === "won")) return "won" as const;
  return null;
}

/** Names of stages, approvals and decisions by key, in the reader's language. */
export function useTargetNames(form: DealForm) {
  const locale = useLocale();
  return (keys: string[]) =>
    keys.map((k) => {
      const named = form.stages.find((s) => s.key === k) ?? form.checkpoints.find((c) => c.key === k);
      return named ? localized(named.name, locale) : k;
    });
}
