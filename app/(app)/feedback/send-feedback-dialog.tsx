"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import {
  BriefcaseBusinessIcon,
  EyeOffIcon,
  Loader2Icon,
  MessageSquarePlusIcon,
  SendIcon,
  UserRoundIcon,
} from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Select as Primitive } from "radix-ui";
import { useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { FEEDBACK_TEXT_MAX, type FeedbackSubjectKind } from "@/lib/feedback/status";
import type { FeedbackSubject } from "@/lib/feedback/subjects";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
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
import { Switch } from "@/lib/ui/switch";
import { FormAlert } from "@/app/_components/form-alert";
import { textareaClass } from "./triage-dialog";

const WHOLE = "whole";
const subjectValue = (s: { kind: FeedbackSubjectKind; key: string }) => `${s.kind}:${s.key}`;

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Primitive.Group>
      <Primitive.Label className="px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">
        {label}
      </Primitive.Label>
      {children}
    </Primitive.Group>
  );
}

/**
 * Sends feedback on the process: from a deal (its pipeline and the version it runs on, the stage
 * it is in unless another is picked) or, without one, on a pipeline's live version. What is wrong
 * is required; the rule, action or field, the suggestion and anonymity (when the company allows
 * it) are optional.
 */
export function SendFeedbackDialog({
  open,
  onOpenChange,
  dealId,
  stageKey,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  dealId?: string;
  stageKey?: string;
}) {
  return open ? (
    <SendFeedbackForm onClose={() => onOpenChange(false)} dealId={dealId} stageKey={stageKey} />
  ) : null;
}

function SendFeedbackForm({
  onClose,
  dealId,
  stageKey,
}: {
  onClose: () => void;
  dealId?: string;
  stageKey?: string;
}) {
  const t = useTranslations("feedback");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pipelines = useQuery({ ...trpc.pipelines.list.queryOptions(), enabled: !dealId });
  const live = (pipelines.data ?? []).filter((p) => p.published);
  const [pipelineId, setPipelineId] = useState("");
  const chosenPipeline = dealId ? undefined : pipelineId || live.find((p) => p.isDefault)?.id || live[0]?.id;
  const form = useQuery({
    ...trpc.feedback.form.queryOptions({ dealId, pipelineId: chosenPipeline }),
    enabled: !!dealId || !!chosenPipeline,
  });
  const [stage, setStage] = useState(stageKey ?? "");
  const [subject, setSubject] = useState(WHOLE);
  const [problem, setProblem] = useState("");
  const [suggestion, setSuggestion] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = useMutation(trpc.feedback.submit.mutationOptions());

  const data = form.data;
  const points = data?.points ?? [];
  // The deal's stage (or the one clicked) unless the member picks another; waiting at an approval counts.
  const current =
    stage ||
    (data?.deal && points.some((p) => p.key === data.deal!.stage) ? data.deal.stage : points[0]?.key) ||
    "";
  const stagesOf = (kind: "stage" | "checkpoint") =>
    points.filter((p) => (kind === "stage" ? p.kind === "stage" : p.kind !== "stage"));
  const subjects = data?.subjects ?? [];
  const actions = subjects.filter((s) => s.kind === "action" && s.stages.includes(current));
  const required = subjects.filter((s) => s.kind === "field" && s.stages.includes(current));
  const otherFields = subjects.filter((s) => s.kind === "field" && !s.stages.includes(current));
  const rules = subjects.filter((s) => s.kind === "rule");
  const offered = [...actions, ...required, ...otherFields, ...rules];
  const picked = offered.find((s) => subjectValue(s) === subject) ?? null;
  const tooShort = problem.trim().length < 3;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (tooShort) {
      setMissing(true);
      document.getElementById("feedback-problem")?.focus();
      return;
    }
    setFailure(null);
    try {
      await submit.mutateAsync({
        dealId,
        pipelineId: dealId ? undefined : chosenPipeline,
        stageKey: current,
        subject: picked ? { kind: picked.kind, key: picked.key } : null,
        problem,
        suggestion: suggestion.trim() || undefined,
        anonymous: anonymous && !!data?.anonymousAllowed,
      });
      toast.success(t("dialog.sent"), {
        action: { label: t("dialog.view"), onClick: () => router.push("/feedback?tab=mine") },
      });
      void queryClient.invalidateQueries({ queryKey: trpc.feedback.pathKey() });
      onClose();
    } catch (error) {
      const fields =
        error instanceof TRPCClientError
          ? (error.data as { fieldErrors?: Record<string, string[]> })?.fieldErrors
          : undefined;
      if (fields?.problem) setMissing(true);
      setFailure(errorMessage(error));
    }
  }

  const option = (s: FeedbackSubject) => (
    <SelectItem key={subjectValue(s)} value={subjectValue(s)}>
      {localized(s.name, locale)}
    </SelectItem>
  );

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-xl" data-testid="send-feedback-dialog">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2.5">
            <span
              className="flex size-8 items-center justify-center rounded-full bg-primary/10 text-primary"
              aria-hidden
            >
              <MessageSquarePlusIcon className="size-4" />
            </span>
            {t("dialog.title")}
          </DialogTitle>
          <DialogDescription>{t("dialog.description")}</DialogDescription>
        </DialogHeader>
        {data ? (
          <div
            className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border bg-muted/30 px-3 py-2 text-xs text-muted-foreground"
            data-testid="send-feedback-context"
          >
            <span className="font-medium text-foreground">
              {t("dialog.version", {
                pipeline: localized(data.pipeline.name, locale),
                number: data.version.number,
              })}
            </span>
            {data.deal ? (
              <span className="inline-flex min-w-0 items-center gap-1">
                <BriefcaseBusinessIcon className="size-3.5 shrink-0" aria-hidden />
                <span className="truncate">{t("dialog.deal", { title: data.deal.title })}</span>
              </span>
            ) : null}
          </div>
        ) : null}
        <form className="grid min-w-0 gap-4" onSubmit={(e) => void onSubmit(e)} noValidate>
          {failure ? <FormAlert>{failure}</FormAlert> : null}
          {!dealId ? (
            <Field id="feedback-pipeline" label={t("dialog.pipeline")}>
              <Select
                value={chosenPipeline ?? ""}
                onValueChange={(v) => {
                  setPipelineId(v);
                  setStage("");
                  setSubject(WHOLE);
                }}
              >
                <SelectTrigger id="feedback-pipeline">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {live.map((p) => (
                    <SelectItem key={p.id} value={p.id}>
                      {localized(p.name, locale)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </Field>
          ) : null}
          {!data ? (
            <div
              className="flex h-[4.25rem] items-center justify-center gap-2 rounded-md border border-dashed text-sm text-muted-foreground"
              aria-busy
            >
              <Loader2Icon className="size-4 animate-spin" aria-hidden />
              {t("dialog.loading")}
            </div>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="feedback-stage" label={t("dialog.stage")}>
                <Select
                  value={current}
                  onValueChange={(v) => {
                    setStage(v);
                    setSubject(WHOLE);
                  }}
                  disabled={!data}
                >
                  <SelectTrigger id="feedback-stage" data-testid="feedback-stage-select">
                    <SelectValue placeholder={t("dialog.loading")} />
                  </SelectTrigger>
                  <SelectContent>
                    <Group label={t("dialog.stagesGroup")}>
                      {stagesOf("stage").map((p) => (
                        <SelectItem key={p.key} value={p.key}>
                          {localized(p.name, locale)}
                        </SelectItem>
                      ))}
                    </Group>
                    {stagesOf("checkpoint").length ? (
                      <Group label={t("dialog.checkpointsGroup")}>
                        {stagesOf("checkpoint").map((p) => (
                          <SelectItem key={p.key} value={p.key}>
                            {localized(p.name, locale)} · {t(`pointKind.${p.kind}`)}
                          </SelectItem>
                        ))}
                      </Group>
                    ) : null}
                  </SelectContent>
                </Select>
              </Field>
              <Field id="feedback-subject" label={t("dialog.subject")}>
                <Select value={picked ? subject : WHOLE} onValueChange={setSubject} disabled={!data}>
                  <SelectTrigger id="feedback-subject" data-testid="feedback-subject-select">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={WHOLE}>{t("dialog.subjectWhole")}</SelectItem>
                    {actions.length ? (
                      <Group label={t("dialog.actionsGroup")}>{actions.map(option)}</Group>
                    ) : null}
                    {required.length ? (
                      <Group label={t("dialog.requiredGroup")}>{required.map(option)}</Group>
                    ) : null}
                    {rules.length ? <Group label={t("dialog.rulesGroup")}>{rules.map(option)}</Group> : null}
                    {otherFields.length ? (
                      <Group label={t("dialog.fieldsGroup")}>{otherFields.map(option)}</Group>
                    ) : null}
                  </SelectContent>
                </Select>
              </Field>
            </div>
          )}
          <Field
            id="feedback-problem"
            label={t("dialog.problem")}
            error={missing && tooShort ? t("dialog.problemRequired") : undefined}
            hint={`${problem.length}/${FEEDBACK_TEXT_MAX}`}
          >
            <textarea
              id="feedback-problem"
              rows={4}
              maxLength={FEEDBACK_TEXT_MAX}
              required
              aria-invalid={(missing && tooShort) || undefined}
              placeholder={t("dialog.problemPlaceholder")}
              value={problem}
              onChange={(e) => setProblem(e.target.value)}
              className={textareaClass}
            />
          </Field>
          <Field id="feedback-suggestion" label={t("dialog.suggestion")}>
            <textarea
              id="feedback-suggestion"
              rows={3}
              maxLength={FEEDBACK_TEXT_MAX}
              placeholder={t("dialog.suggestionPlaceholder")}
              value={suggestion}
              onChange={(e) => setSuggestion(e.target.value)}
              className={textareaClass}
            />
          </Field>
          {data?.anonymousAllowed ? (
            <label className="flex items-start gap-3 rounded-md border p-3">
              <Switch
                checked={anonymous}
                onCheckedChange={setAnonymous}
                aria-label={t("dialog.anonymous")}
                data-testid="feedback-anonymous"
              />
              <span className="text-sm">
                <span className="flex items-center gap-1.5 font-medium">
                  <EyeOffIcon className="size-3.5" aria-hidden />
                  {t("dialog.anonymous")}
                </span>
                <span className="block text-muted-foreground">{t("dialog.anonymousHint")}</span>
              </span>
            </label>
          ) : data ? (
            <p className="flex items-start gap-2 text-xs text-muted-foreground" data-testid="feedback-named">
              <UserRoundIcon className="mt-px size-3.5 shrink-0" aria-hidden />
              {t("dialog.named")}
            </p>
          ) : null}
          <DialogFormActions
            busy={submit.isPending}
            disabled={!data || !current}
            cancel={tc("cancel")}
            onCancel={onClose}
            submit={t("dialog.submit")}
            icon={<SendIcon />}
            submitTestId="send-feedback-submit"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
