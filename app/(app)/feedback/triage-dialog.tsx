"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { CheckIcon, RocketIcon, Undo2Icon, XIcon, type LucideIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { FEEDBACK_REPLY_MAX, type FeedbackStatus } from "@/lib/feedback/status";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFormActions,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { FormAlert } from "@/app/_components/form-alert";
import { FeedbackAbout } from "./feedback-card";
import { FeedbackStatusBadge } from "./status-badge";
import type { FeedbackItem } from "./types";

const LOOK: Record<
  FeedbackStatus,
  { icon: LucideIcon; tone: string; button: "default" | "destructive" | "outline" }
> = {
  accepted: { icon: CheckIcon, tone: "bg-primary/10 text-primary", button: "default" },
  declined: { icon: XIcon, tone: "bg-destructive/10 text-destructive", button: "destructive" },
  shipped: { icon: RocketIcon, tone: "bg-success/15 text-[oklch(0.42_0.12_155)]", button: "default" },
  open: { icon: Undo2Icon, tone: "bg-warning/20 text-[oklch(0.45_0.1_70)]", button: "outline" },
};

export const textareaClass =
  "flex min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs transition-colors placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive";

/**
 * Moves one piece of feedback to `to`, at the version the list showed: with a reply (required to
 * decline) and, to mark it shipped, the version the change is in (later than the one it was given
 * on, not a draft). Changed by someone else meanwhile, it says so and shows where it is now.
 */
export function TriageDialog({
  item,
  to,
  onClose,
}: {
  item: FeedbackItem;
  to: FeedbackStatus;
  onClose: () => void;
}) {
  const t = useTranslations("feedback");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filters = useQuery({ ...trpc.feedback.filters.queryOptions(), enabled: to === "shipped" });
  const versions = (filters.data?.find((p) => p.id === item.pipeline.id)?.versions ?? []).filter(
    (v) => v.number > item.givenOn.number && v.status !== "draft",
  );
  const [reply, setReply] = useState("");
  const [versionId, setVersionId] = useState<string>("");
  const [missing, setMissing] = useState<"reply" | "version" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const triage = useMutation(trpc.feedback.triage.mutationOptions());
  const current = useQuery({
    ...trpc.feedback.get.queryOptions({ feedbackId: item.id }, { staleTime: 0 }),
    enabled: conflict !== null,
  });
  const chosen = versionId || versions[0]?.id || "";
  const { icon: Icon, tone, button } = LOOK[to];

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.feedback.pathKey() });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const text = reply.trim();
    if (to === "declined" && !text) {
      setMissing("reply");
      document.getElementById("triage-reply")?.focus();
      return;
    }
    if (to === "shipped" && !chosen) return setMissing("version");
    setFailure(null);
    try {
      await triage.mutateAsync({
        feedbackId: item.id,
        expectedVersion: item.version,
        status: to,
        reply: text || undefined,
        shippedVersionId: to === "shipped" ? chosen : undefined,
      });
      const number = versions.find((v) => v.id === chosen)?.number ?? 0;
      toast.success(t(`triage.done.${to}`, { number }));
      onClose();
      void refresh();
    } catch (error) {
      const code =
        error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
      if (code === "CONFLICT") {
        setConflict(errorMessage(error));
        void refresh();
        return;
      }
      setFailure(errorMessage(error));
    }
  }

  const replyLabel = to === "declined" ? t("triage.reply") : t("triage.replyOptional");
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={tc("close")} data-testid="triage-dialog" data-to={to}>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2.5">
            <span className={cn("flex size-8 items-center justify-center rounded-full", tone)} aria-hidden>
              <Icon className="size-4" />
            </span>
            {t(`triage.title.${to}`)}
          </DialogTitle>
          <DialogDescription>{t(`triage.hint.${to}`)}</DialogDescription>
        </DialogHeader>
        <div className="grid min-w-0 gap-2 rounded-lg border bg-muted/30 p-3.5">
          <div className="flex min-w-0 flex-wrap items-center gap-1.5">
            <FeedbackStatusBadge status={item.status} />
            <FeedbackAbout item={item} />
          </div>
          <p className="line-clamp-4 text-sm break-words whitespace-pre-line">{item.problem}</p>
        </div>
        {conflict ? (
          <div
            role="alert"
            data-testid="triage-conflict"
            className="grid gap-2 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm"
          >
            <p className="font-medium">{t("triage.conflictTitle")}</p>
            <p>{conflict}</p>
            {current.data ? (
              <p className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                {t("triage.conflictNow")}
                <FeedbackStatusBadge status={current.data.status} />
                {current.data.decidedBy && current.data.decidedAt
                  ? `${current.data.decidedBy} · ${format.dateTime(current.data.decidedAt, { dateStyle: "medium", timeStyle: "short" })}`
                  : null}
              </p>
            ) : null}
          </div>
        ) : null}
        <form className="grid min-w-0 gap-4" onSubmit={(e) => void onSubmit(e)} noValidate>
          {failure ? <FormAlert>{failure}</FormAlert> : null}
          {to === "shipped" ? (
            versions.length === 0 && !filters.isPending ? (
              <p
                className="rounded-md border border-dashed p-3 text-sm text-muted-foreground"
                data-testid="triage-no-versions"
              >
                {t("triage.noVersions", { number: item.givenOn.number })}
              </p>
            ) : (
              <Field
                id="triage-version"
                label={t("triage.version")}
                error={missing === "version" ? t("triage.versionPlaceholder") : undefined}
              >
                <Select value={chosen} onValueChange={setVersionId} disabled={filters.isPending}>
                  <SelectTrigger id="triage-version" data-testid="triage-version">
                    <SelectValue placeholder={t("triage.versionPlaceholder")} />
                  </SelectTrigger>
                  <SelectContent>
                    {versions.map((v) => (
                      <SelectItem key={v.id} value={v.id}>
                        v{v.number} ·{" "}
                        {t(`triage.versionStatus.${v.status as "pilot" | "published" | "retired"}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </Field>
            )
          ) : null}
          {to !== "open" ? (
            <Field
              id="triage-reply"
              label={replyLabel}
              error={missing === "reply" && !reply.trim() ? t("triage.replyRequired") : undefined}
            >
              <textarea
                id="triage-reply"
                rows={3}
                maxLength={FEEDBACK_REPLY_MAX}
                required={to === "declined"}
                aria-invalid={(missing === "reply" && !reply.trim()) || undefined}
                placeholder={t("triage.replyPlaceholder")}
                value={reply}
                onChange={(e) => setReply(e.target.value)}
                className={textareaClass}
              />
            </Field>
          ) : null}
          <DialogFormActions
            busy={triage.isPending}
            disabled={conflict !== null || (to === "shipped" && (filters.isPending || !versions.length))}
            cancel={conflict ? tc("close") : tc("cancel")}
            onCancel={onClose}
            submit={t(`actions.${to}`)}
            variant={button === "outline" ? "default" : button}
            icon={<Icon />}
            submitTestId="triage-submit"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
