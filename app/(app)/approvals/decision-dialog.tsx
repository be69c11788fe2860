"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { CheckIcon, Loader2Icon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { FormAlert } from "@/app/_components/form-alert";
import { type ApprovalItem, useApprovalFormat } from "./use-approval-format";

export type Decision = "approve" | "reject";

type ErrorData = { code?: string; details?: { reasons?: { message: { zh: string; en: string } }[] } };

/**
 * Approves or rejects one waiting deal, at the version the inbox listed, with a comment (a
 * reason, when rejecting). Done, the deal leaves the inbox; changed meanwhile, the inbox reloads.
 */
export function DecisionDialog({
  item,
  decision,
  onClose,
}: {
  item: ApprovalItem;
  decision: Decision;
  onClose: () => void;
}) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { money, waited } = useApprovalFormat();
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<{ message: string; reasons: string[] } | null>(null);
  const apply = useMutation(trpc.deals.applyAction.mutationOptions());
  const rejecting = decision === "reject";
  const approvalsKey = trpc.deals.approvals.queryKey();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    ]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const text = comment.trim();
    if (rejecting && !text) {
      setMissing(true);
      document.getElementById("decision-comment")?.focus();
      return;
    }
    setFailure(null);
    try {
      await apply.mutateAsync({
        dealId: item.id,
        expectedVersion: item.version,
        action: decision,
        comment: text || undefined,
      });
      queryClient.setQueryData(approvalsKey, (old) => old?.filter((a) => a.id !== item.id));
      toast.success(t(rejecting ? "rejected" : "approved", { deal: item.title }));
      onClose();
      void refresh();
    } catch (error) {
      const data = (error instanceof TRPCClientError ? (error.data ?? {}) : {}) as ErrorData;
      if (data.code === "CONFLICT" || data.code === "NOT_FOUND") {
        // Decided or changed by someone else: the list as it is now says what is left to do.
        toast.error(t("conflict", { deal: item.title }));
        onClose();
        void refresh();
        return;
      }
      setFailure({
        message: errorMessage(error),
        reasons: (data.details?.reasons ?? []).map((r) => localized(r.message, locale)),
      });
    }
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={tc("close")} data-testid="decision-dialog" data-decision={decision}>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2.5">
            <span
              className={cn(
                "flex size-8 items-center justify-center rounded-full",
                rejecting
                  ? "bg-destructive/10 text-destructive"
                  : "bg-success/15 text-[oklch(0.42_0.12_155)]",
              )}
              aria-hidden
            >
              {rejecting ? <XIcon className="size-4" /> : <CheckIcon className="size-4" />}
            </span>
            {t(rejecting ? "dialog.rejectTitle" : "dialog.approveTitle")}
          </DialogTitle>
          <DialogDescription>{t(rejecting ? "dialog.rejectHint" : "dialog.approveHint")}</DialogDescription>
        </DialogHeader>
        <div className="min-w-0 rounded-lg border bg-muted/30 p-3.5" data-testid="decision-deal">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-medium leading-snug break-words">{item.title}</p>
              <p className="mt-0.5 text-xs break-words text-muted-foreground">
                {item.account}
                {item.ownerName ? ` · ${item.ownerName}` : ""}
              </p>
            </div>
            <span className="shrink-0 font-semibold tabular-nums">{money(item)}</span>
          </div>
          <div className="mt-2.5 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <Badge variant="warning">{localized(item.approvalName, locale)}</Badge>
            <span>{waited(item)}</span>
          </div>
        </div>
        <form className="grid min-w-0 gap-4" onSubmit={(e) => void onSubmit(e)} noValidate>
          {failure ? (
            <FormAlert>
              <p>{failure.message}</p>
              {failure.reasons.length ? (
                <ul className="mt-1 list-disc pl-4">
                  {failure.reasons.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </FormAlert>
          ) : null}
          <Field
            id="decision-comment"
            label={t(rejecting ? "dialog.reason" : "dialog.comment")}
            error={missing && rejecting && !comment.trim() ? t("dialog.reasonRequired") : undefined}
          >
            <textarea
              id="decision-comment"
              rows={3}
              maxLength={2000}
              required={rejecting}
              aria-invalid={(missing && rejecting && !comment.trim()) || undefined}
              aria-describedby={missing && rejecting ? "decision-comment-error" : undefined}
              placeholder={t(rejecting ? "dialog.reasonPlaceholder" : "dialog.commentPlaceholder")}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className="flex min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs transition-colors placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive"
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button
              type="submit"
              variant={rejecting ? "destructive" : "default"}
              disabled={apply.isPending}
              data-testid="decision-submit"
            >
              {apply.isPending ? (
                <Loader2Icon className="animate-spin" />
              ) : rejecting ? (
                <XIcon />
              ) : (
                <CheckIcon />
              )}
              {t(rejecting ? "reject" : "approve")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
