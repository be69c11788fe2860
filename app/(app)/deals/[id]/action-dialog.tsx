"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { localized } from "@/lib/i18n/localized";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { ActionAlert, ChecklistInputs, DialogSection } from "./action-dialog-parts";
import { closesAs, destinations, useTargetNames } from "./destinations";
import { EditConflictAlert } from "./edit-conflict-alert";
import { editConflicts } from "./edit-conflicts";
import { FieldInput, Textarea } from "./field-input";
import type { DealAction, DealData, DealForm } from "./types";
import { useActionForm } from "./use-action-form";
import type { ApplyFailure, ApplyInput } from "./use-apply-action";
import type { Conflict } from "./use-deal-edit";

/**
 * The form of one action: the fields it still needs, the exit-checklist items to tick, the
 * fields that decide where it leads (optional), and a comment. A refusal keeps it open with
 * every reason beside what it is about. When someone saved the deal first, it shows what changed
 * since (field by field, who and when) and re-applies the rep's entries on the current version.
 */
export function ActionDialog(props: {
  action: DealAction;
  deal: DealData;
  form: DealForm;
  apply: (input: ApplyInput) => Promise<ApplyFailure | null>;
  reload: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { action, deal, form, apply, reload, onClose } = props;
  const t = useTranslations("dealPage");
  const tc = useTranslations("common");
  const locale = useLocale();
  const format = useFormatter();
  const targetNames = useTargetNames(form);
  const state = useActionForm(deal, form, action);
  const { problems, alert } = state;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [submitting, setSubmitting] = useState(false);
  const [conflict, setConflict] = useState<(Conflict & { input: ApplyInput }) | null>(null);
  // The deal as the rep saw it when the form opened: what changed since is measured from it.
  const [seen] = useState(deal);
  const closing = closesAs(action, form);

  async function send(input: ApplyInput, expectedVersion?: number) {
    setSubmitting(true);
    const failure = await apply({ ...input, expectedVersion: expectedVersion ?? seen.deal.version });
    if (failure?.kind === "conflict") {
      const dealId = deal.deal.id;
      const [current, currentForm] = await Promise.all([
        queryClient.fetchQuery({ ...trpc.deals.get.queryOptions({ dealId }), staleTime: 0 }),
        queryClient.fetchQuery({ ...trpc.deals.form.queryOptions({ dealId }), staleTime: 0 }),
      ]);
      setConflict({
        current,
        form: currentForm,
        rows: editConflicts(seen, current, input.changes ?? {}),
        input,
      });
    } else {
      setConflict(null);
      if (failure) state.show(failure);
    }
    setSubmitting(false);
    if (!failure) onClose();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = state.input();
    if (input) await send(input);
  }

  const from = deal.stage ? localized(deal.stage.name, locale) : deal.deal.stage;
  const field = (key: string) => {
    const def = form.fields.find((f) => f.key === key);
    if (!def) return null;
    const id = `action-field-${key}`;
    const wide = def.type === "longText" || def.type === "multiSelect";
    return (
      <div key={key} className={wide ? "sm:col-span-2" : undefined}>
        <Field id={id} label={localized(def.name, locale)} error={problems.fields[key]}>
          <FieldInput
            id={id}
            field={def}
            value={state.drafts[key]}
            invalid={Boolean(problems.fields[key])}
            onChange={(v) => state.setDraft(key, v)}
          />
        </Field>
      </div>
    );
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-xl" data-testid="action-dialog">
        <DialogHeader>
          <DialogTitle>{localized(action.name, locale)}</DialogTitle>
          <DialogDescription>
            {t("dialog.description", {
              from: t("dialog.stageName", { name: from }),
              to: format.list(
                targetNames(destinations(action, form)).map((name) => t("dialog.stageName", { name })),
                { type: "disjunction" },
              ),
            })}
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-5" onSubmit={(e) => void onSubmit(e)} noValidate>
          {conflict ? (
            <>
              {conflict.current.deal.stage !== seen.deal.stage ? (
                <p className="text-sm" data-testid="conflict-stage">
                  {t("dialog.movedMeanwhile", {
                    stage: localized(
                      conflict.form.stages.find((s) => s.key === conflict.current.deal.stage)?.name ??
                        conflict.form.checkpoints.find((c) => c.key === conflict.current.deal.stage)
                          ?.name ?? {
                          zh: conflict.current.deal.stage,
                          en: conflict.current.deal.stage,
                        },
                      locale,
                    ),
                  })}
                </p>
              ) : null}
              <EditConflictAlert
                conflict={conflict}
                busy={submitting}
                onReapply={() => void send(conflict.input, conflict.current.deal.version)}
                onDiscard={() => void reload().then(onClose)}
              />
            </>
          ) : alert ? (
            <ActionAlert
              message={alert.message}
              reasons={problems.other}
              onReload={alert.conflict ? () => void reload().then(onClose) : undefined}
            />
          ) : null}
          {closing ? (
            <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
              {t(closing === "won" ? "dialog.confirmWon" : "dialog.confirmLost")}
            </p>
          ) : null}
          {state.required.length ? (
            <DialogSection columns title={t("dialog.required")}>
              {state.required.map(field)}
            </DialogSection>
          ) : null}
          {state.items.length ? (
            <DialogSection title={t("dialog.checklist")}>
              <ChecklistInputs
                form={form}
                items={state.items}
                checked={state.checked}
                errors={problems.items}
                onChange={state.setChecked}
              />
            </DialogSection>
          ) : null}
          {state.optional.length ? (
            <DialogSection columns title={t("dialog.decides")} hint={t("dialog.decidesHint")}>
              {state.optional.map(field)}
            </DialogSection>
          ) : null}
          <Field id="action-comment" label={t("dialog.comment")}>
            <Textarea
              id="action-comment"
              rows={2}
              maxLength={2000}
              placeholder={t("dialog.commentPlaceholder")}
              value={state.comment}
              onChange={(e) => state.setComment(e.target.value)}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button
              type="submit"
              variant={closing === "lost" ? "destructive" : "default"}
              disabled={submitting || Boolean(conflict)}
            >
              {submitting ? <Loader2Icon className="animate-spin" /> : null}
              {localized(action.name, locale)}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
