"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { localized } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { TeamInput } from "@/lib/validation/users";
import { Button } from "@/lib/ui/button";
import { Checkbox } from "@/lib/ui/checkbox";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { FormAlert } from "@/app/_components/form-alert";
import { applyServerErrors } from "@/app/_components/server-errors";

export type TeamDraft = {
  id?: string;
  name: string;
  nameEn: string;
  managerId: string | null;
  memberIds: string[];
  defaultPipelineId: string | null;
};
type Values = z.input<typeof TeamInput>;
const NONE = "none";

export function TeamDialog({
  draft,
  users,
  onClose,
  onSaved,
}: {
  draft: TeamDraft;
  users: { id: string; name: string; role: Role }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("team");
  const tc = useTranslations("common");
  const tv = useTranslations("validation");
  const locale = useLocale();
  const trpc = useTRPC();
  // Pipelines that run a published version: new deals can start only in those.
  const pipelines = useQuery(trpc.pipelines.newDealForms.queryOptions());
  const create = useMutation(trpc.teams.create.mutationOptions());
  const update = useMutation(trpc.teams.update.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(TeamInput),
    defaultValues: {
      name: draft.name,
      nameEn: draft.nameEn,
      managerId: draft.managerId,
      memberIds: draft.memberIds,
      defaultPipelineId: draft.defaultPipelineId,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const managers = users.filter((u) => u.role === "manager" || u.role === "admin");

  async function onSubmit(values: Values) {
    setError(null);
    try {
      if (draft.id) await update.mutateAsync({ ...values, teamId: draft.id });
      else await create.mutateAsync(values);
      toast.success(t("saved"));
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={tc("close")}>
        <DialogHeader>
          <DialogTitle>{draft.id ? t("editTeamTitle") : t("newTeam")}</DialogTitle>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
          {error ? <FormAlert>{error}</FormAlert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="team-name"
              label={t("teamName")}
              error={errors.name?.message && tv(errors.name.message)}
            >
              <Input id="team-name" aria-invalid={!!errors.name} {...form.register("name")} />
            </Field>
            <Field
              id="team-name-en"
              label={t("teamNameEn")}
              error={errors.nameEn?.message && tv(errors.nameEn.message)}
            >
              <Input id="team-name-en" {...form.register("nameEn")} />
            </Field>
          </div>
          <Field id="team-manager" label={t("manager")}>
            <Controller
              control={form.control}
              name="managerId"
              render={({ field }) => (
                <Select
                  value={field.value ?? NONE}
                  onValueChange={(v) => field.onChange(v === NONE ? null : v)}
                >
                  <SelectTrigger id="team-manager">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={NONE}>{t("noManager")}</SelectItem>
                    {managers.map((u) => (
                      <SelectItem key={u.id} value={u.id}>
                        {u.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          </Field>
          <Field id="team-default-pipeline" label={t("defaultPipeline")} hint={t("defaultPipelineHint")}>
            <Controller
              control={form.control}
              name="defaultPipelineId"
              render={({ field }) => (
                <Select
                  value={field.value ?? NONE}
                  onValueChange={(v) => field.onChange(v === NONE ? null : v)}
                >
                  <SelectTrigger id="team-default-pipeline" data-testid="team-default-pipeline">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={NONE}>{t("companyDefaultPipeline")}</SelectItem>
                    {(pipelines.data ?? []).map((p) => (
                      <SelectItem key={p.pipelineId} value={p.pipelineId}>
                        {localized(p.name, locale)}
                      </SelectItem>
                    ))}
                    {field.value &&
                    pipelines.data &&
                    !pipelines.data.some((p) => p.pipelineId === field.value) ? (
                      <SelectItem value={field.value}>{t("unpublishedPipeline")}</SelectItem>
                    ) : null}
                  </SelectContent>
                </Select>
              )}
            />
          </Field>
          <fieldset>
            <legend className="mb-2 text-sm font-medium">{t("teamMembers")}</legend>
            <Controller
              control={form.control}
              name="memberIds"
              render={({ field }) => (
                <div className="grid max-h-56 gap-2 overflow-y-auto rounded-md border p-3 sm:grid-cols-2">
                  {users.map((u) => {
                    const checked = field.value?.includes(u.id) ?? false;
                    return (
                      <label key={u.id} className="flex cursor-pointer items-center gap-2 text-sm">
                        <Checkbox
                          checked={checked}
                          onCheckedChange={(c) =>
                            field.onChange(
                              c
                                ? [...(field.value ?? []), u.id]
                                : (field.value ?? []).filter((id) => id !== u.id),
                            )
                          }
                        />
                        {u.name}
                      </label>
                    );
                  })}
                </div>
              )}
            />
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? <Loader2Icon className="animate-spin" /> : null}
              {tc("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
