"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useLocale, useTranslations } from "next-intl";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import type { DealData, DealForm, FieldValue, Refusal } from "./types";

export type ApplyInput = {
  action: string;
  changes?: Record<string, FieldValue>;
  checked?: string[];
  comment?: string;
  /** The version to apply on, when not the one on screen (re-applying after a conflict). */
  expectedVersion?: number;
};

/** Why an action did not go through, as the form shows it. */
export type ApplyFailure =
  | { kind: "refused"; message: string; reasons: Refusal[] }
  | { kind: "conflict"; message: string }
  | { kind: "invalid"; message: string; fields: Record<string, string> }
  | { kind: "error"; message: string };

type ErrorData = {
  code?: string;
  fieldErrors?: Record<string, string[]>;
  details?: { reasons?: Refusal[]; issues?: { field: string; message: { zh: string; en: string } }[] };
};

/** Sorts a failed applyAction into what the rep can do about it. */
function failureOf(error: unknown, locale: string): ApplyFailure {
  const message = errorMessage(error);
  if (!(error instanceof TRPCClientError)) return { kind: "error", message };
  const data = (error.data ?? {}) as ErrorData;
  if (data.code === "CONFLICT") return { kind: "conflict", message };
  if (data.code === "UNPROCESSABLE_CONTENT" && data.details?.reasons)
    return { kind: "refused", message, reasons: data.details.reasons };
  if (data.code === "BAD_REQUEST") {
    const fields: Record<string, string> = {};
    for (const issue of data.details?.issues ?? []) fields[issue.field] = localized(issue.message, locale);
    for (const [path, list] of Object.entries(data.fieldErrors ?? {})) {
      const key = path.startsWith("changes.") ? path.slice("changes.".length) : null;
      if (key && list[0]) fields[key] ??= message;
    }
    return { kind: "invalid", message, fields };
  }
  return { kind: "error", message };
}

/**
 * Runs an action on the deal at the version the rep is looking at. Success toasts the new stage
 * and refreshes the page's data; a failure comes back sorted, for the caller to show.
 */
export function useApplyAction(deal: DealData, form: DealForm) {
  const t = useTranslations("dealPage");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(trpc.deals.applyAction.mutationOptions());
  const reload = () => queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });

  async function apply(input: ApplyInput): Promise<ApplyFailure | null> {
    try {
      const { expectedVersion, ...rest } = input;
      const result = await mutation.mutateAsync({
        dealId: deal.deal.id,
        expectedVersion: expectedVersion ?? deal.deal.version,
        ...rest,
      });
      const name =
        form.stages.find((s) => s.key === result.stage)?.name ??
        form.checkpoints.find((c) => c.key === result.stage)?.name;
      toast.success(
        result.stage === deal.deal.stage || !name
          ? t("saved")
          : t("moved", { stage: localized(name, locale) }),
      );
      await reload();
      return null;
    } catch (e) {
      return failureOf(e, locale);
    }
  }

  return { apply, reload, pending: mutation.isPending };
}
