"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { closesAs, destinations } from "../[id]/destinations";
import { isFixable, type DealAction, type DealData, type DealForm, type Refusal } from "../[id]/types";
import type { BoardCardData, BoardColumnData } from "./types";

/** A drop that needs the action's form: the deal page's dialog opens for it. */
export type PendingDialog = { deal: DealData; form: DealForm; action: DealAction; cardId: string };

/** Reasons of a 422 refusal, when the error is one. */
function refusalReasons(error: unknown): Refusal[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error.data ?? {}) as { code?: string; details?: { reasons?: Refusal[] } };
  return data.code === "UNPROCESSABLE_CONTENT" ? (data.details?.reasons ?? []) : null;
}

/**
 * Moving a card to a column: finds the deal's action that leads there and runs it, asks for
 * what it needs through the action dialog, or explains why it cannot go. The card moves at
 * once (optimistically) and goes back when the move does not happen.
 */
export function useBoardMove(columns: BoardColumnData[]) {
  const t = useTranslations("board");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(trpc.deals.applyAction.mutationOptions());
  /** Cards shown in another column than the server says, while their move runs. */
  const [moved, setMoved] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [dialog, setDialog] = useState<PendingDialog | null>(null);

  const columnName = (key: string, form?: DealForm) => {
    const col = columns.find((c) => c.key === key);
    if (col) return localized(col.name, locale);
    const named = form?.stages.find((s) => s.key === key) ?? form?.checkpoints.find((c) => c.key === key);
    return named ? localized(named.name, locale) : key;
  };
  const settle = (id: string) => {
    setMoved(({ [id]: _gone, ...rest }) => rest);
    setBusy(({ [id]: _gone, ...rest }) => rest);
  };
  /** Refreshes the board; the optimistic position goes once the real one is in. */
  const refresh = async (id?: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.board.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
    if (id) settle(id);
  };
  const rollback = (id: string) => settle(id);

  async function move(card: BoardCardData, to: string) {
    if (card.stage === to || busy[card.id]) return;
    setMoved((m) => ({ ...m, [card.id]: to }));
    setBusy((b) => ({ ...b, [card.id]: true }));
    try {
      const [deal, form] = await Promise.all([
        queryClient.fetchQuery({ ...trpc.deals.get.queryOptions({ dealId: card.id }), staleTime: 0 }),
        queryClient.fetchQuery({ ...trpc.deals.form.queryOptions({ dealId: card.id }), staleTime: 0 }),
      ]);
      const leading = deal.actions.filter((a) => destinations(a, form).includes(to));
      const action =
        leading.find((a) => a.enabled) ?? leading.find((a) => a.reasons.every(isFixable)) ?? null;
      if (!action) {
        rollback(card.id);
        const blocked = leading[0];
        if (blocked) {
          toast.error(t("blocked", { action: localized(blocked.name, locale) }), {
            description: blocked.reasons.map((r) => localized(r.message, locale)).join(" "),
          });
          return;
        }
        const allowed = [
          ...new Set(
            deal.actions
              .filter((a) => a.enabled || a.reasons.every(isFixable))
              .flatMap((a) => destinations(a, form)),
          ),
        ].map((k) => columnName(k, form));
        toast.error(t("noAction", { deal: card.title, stage: columnName(to, form) }), {
          description: allowed.length
            ? t("allowedMoves", { moves: format.list(allowed, { type: "disjunction" }) })
            : t("noMoves"),
        });
        return;
      }
      const conditionFields = form.actions.find((a) => a.key === action.key)?.conditionFields ?? [];
      const asks =
        action.missingFields.length > 0 ||
        action.missingChecklist.length > 0 ||
        closesAs(action, form) !== null ||
        (destinations(action, form).length > 1 && conditionFields.length > 0);
      if (asks) {
        setDialog({ deal, form, action, cardId: card.id });
        return;
      }
      const result = await mutation.mutateAsync({
        dealId: card.id,
        expectedVersion: deal.deal.version,
        action: action.key,
      });
      toast.success(t("a11y.dropped", { deal: card.title, stage: columnName(result.stage, form) }));
      await refresh(card.id);
    } catch (e) {
      rollback(card.id);
      const reasons = refusalReasons(e);
      toast.error(errorMessage(e), {
        description: reasons?.length ? reasons.map((r) => localized(r.message, locale)).join(" ") : undefined,
      });
      void refresh();
    }
  }

  /** The dialog closed: after a successful action the board reloads, else the card goes back. */
  async function closeDialog(applied: boolean) {
    const open = dialog;
    setDialog(null);
    if (!open) return;
    if (applied) await refresh(open.cardId);
    else rollback(open.cardId);
  }

  return { moved, busy, dialog, move, closeDialog };
}
