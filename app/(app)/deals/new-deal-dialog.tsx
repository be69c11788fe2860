"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDownIcon, FlaskConicalIcon, Loader2Icon, PlusIcon, UserRoundCheckIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/app/_components/form-alert";
import { localized } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { DialogSection } from "./[id]/action-dialog-parts";
import { FieldInput, type DraftValue } from "./[id]/field-input";
import type { FieldDef } from "./[id]/types";
import { collectValues, createFailure, groupFields, type NewDealForm } from "./new-deal-fields";

/** The deals page's "New deal" button and the form it opens. */
export function NewDealButton({ role }: { role: Role }) {
  const t = useTranslations("newDeal");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-deal">
        <PlusIcon />
        {t("button")}
      </Button>
      {open ? <NewDealDialog role={role} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function NewDealDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const t = useTranslations("newDeal");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const forms = useQuery(trpc.pipelines.newDealForms.queryOptions());
  // The member's team may start its deals in another pipeline than the company's default.
  const teamDefault = useQuery(trpc.teams.myDefaultPipeline.queryOptions());
  const pending = forms.isPending || teamDefault.isPending;
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-2xl" data-testid="new-deal-dialog">
        {forms.data?.length && !pending ? (
          <NewDealFormBody
            forms={forms.data}
            teamPipelineId={teamDefault.data?.pipelineId ?? null}
            role={role}
            onClose={onClose}
          />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>{t("title")}</DialogTitle>
              <DialogDescription>{pending ? t("loading") : t("noPipeline")}</DialogDescription>
            </DialogHeader>
            {pending ? (
              <Loader2Icon className="mx-auto my-6 size-5 animate-spin text-muted-foreground" />
            ) : null}
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

function NewDealFormBody({
  forms,
  teamPipelineId,
  role,
  onClose,
}: {
  forms: NewDealForm[];
  /** The member's team's default pipeline, preselected when it runs a version. */
  teamPipelineId: string | null;
  role: Role;
  onClose: () => void;
}) {
  const t = useTranslations("newDeal");
  const tc = useTranslations("common");
  const tv = useTranslations("validation");
  const td = useTranslations("dealPage");
  const tVersions = useTranslations("versions");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.deals.create.mutationOptions());
  const [pipelineId, setPipelineId] = useState(
    () =>
      (forms.find((f) => f.pipelineId === teamPipelineId) ?? forms.find((f) => f.isDefault) ?? forms[0]!)
        .pipelineId,
  );
  const form = forms.find((f) => f.pipelineId === pipelineId) ?? forms[0]!;
  const groups = groupFields(form.fields);
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [showMore, setShowMore] = useState(false);

  function showErrors(next: Record<string, string>, message: string | null) {
    setErrors(next);
    setAlert(message);
    // A problem with a field behind the disclosure must not stay hidden.
    if (groups.more.some((f) => next[f.key])) setShowMore(true);
    // Bring the first field to correct into view (the form scrolls on a phone).
    const first = form.fields.find((f) => next[f.key]);
    if (first) requestAnimationFrame(() => document.getElementById(`new-deal-${first.key}`)?.focus());
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const collected = collectValues(form.fields, drafts, {
      required: tv("required"),
      notANumber: td("dialog.notANumber"),
    });
    if ("errors" in collected) return showErrors(collected.errors, t("fixFields"));
    try {
      const deal = await create.mutateAsync({ pipelineId: form.pipelineId, values: collected.values });
      toast.success(t("created", { title: deal.title }));
      await queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
      router.push(`/deals/${deal.id}`);
      onClose();
    } catch (error) {
      const failure = createFailure(error, locale, tv("required"));
      showErrors(failure.fields, failure.message);
    }
  }

  const field = (def: FieldDef) => {
    const id = `new-deal-${def.key}`;
    const wide = def.type === "longText" || def.type === "multiSelect";
    return (
      <div key={def.key} className={wide ? "sm:col-span-2" : undefined}>
        <Field
          id={id}
          error={errors[def.key]}
          label={
            <>
              {localized(def.name, locale)}
              {def.requiredAtCreation ? (
                <span aria-hidden className="text-destructive">
                  *
                </span>
              ) : null}
            </>
          }
        >
          <FieldInput
            id={id}
            field={def}
            value={drafts[def.key]}
            invalid={Boolean(errors[def.key])}
            onChange={(v) => {
              setDrafts((d) => ({ ...d, [def.key]: v }));
              if (errors[def.key]) setErrors(({ [def.key]: _gone, ...rest }) => rest);
            }}
          />
        </Field>
      </div>
    );
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("title")}</DialogTitle>
        <DialogDescription>
          {t("description", { stage: form.initialStage ? localized(form.initialStage, locale) : "—" })}
        </DialogDescription>
      </DialogHeader>
      <form className="grid gap-6" onSubmit={(e) => void onSubmit(e)} noValidate>
        {alert ? <FormAlert>{alert}</FormAlert> : null}
        {form.pilot ? (
          <p
            className="flex items-start gap-2 rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-800 dark:border-violet-900 dark:bg-violet-950 dark:text-violet-200"
            data-testid="new-deal-pilot"
          >
            <FlaskConicalIcon className="mt-0.5 size-4 shrink-0" />
            {tVersions("newDeal.pilot", { number: form.versionNumber })}
          </p>
        ) : null}
        {forms.length > 1 ? (
          <Field
            id="new-deal-pipeline"
            label={t("pipeline")}
            hint={
              pipelineId === teamPipelineId
                ? t("teamDefault")
                : form.isDefault && !teamPipelineId
                  ? t("companyDefault")
                  : undefined
            }
          >
            <Select value={pipelineId} onValueChange={setPipelineId}>
              <SelectTrigger id="new-deal-pipeline" className="sm:w-80" data-testid="new-deal-pipeline">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {forms.map((f) => (
                  <SelectItem key={f.pipelineId} value={f.pipelineId}>
                    {t("pipelineOption", { name: localized(f.name, locale), version: f.versionNumber })}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
        ) : null}
        {groups.required.length ? (
          <DialogSection columns title={t("required")}>
            {groups.required.map(field)}
          </DialogSection>
        ) : null}
        {groups.common.length ? (
          <DialogSection columns title={t("common")}>
            {groups.common.map(field)}
          </DialogSection>
        ) : null}
        {groups.more.length ? (
          <div className="grid gap-4">
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="justify-self-start px-2 text-muted-foreground"
              aria-expanded={showMore}
              aria-controls="new-deal-more"
              onClick={() => setShowMore((s) => !s)}
            >
              <ChevronDownIcon className={cn("transition-transform", showMore && "rotate-180")} />
              {showMore ? t("fewer") : t("more", { count: groups.more.length })}
            </Button>
            {showMore ? (
              <div id="new-deal-more" className="grid gap-4 sm:grid-cols-2">
                {groups.more.map(field)}
              </div>
            ) : null}
          </div>
        ) : null}
        <p className="flex items-start gap-2 rounded-md bg-muted px-3 py-2 text-xs text-muted-foreground">
          <UserRoundCheckIcon className="mt-px size-4 shrink-0" />
          {role === "rep" ? t("ownerRep") : t("ownerOther")}
        </p>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={create.isPending} data-testid="new-deal-submit">
            {create.isPending ? <Loader2Icon className="animate-spin" /> : null}
            {t("create")}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}
