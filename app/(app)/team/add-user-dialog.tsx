"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Loader2Icon, UserPlusIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { ROLES } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { localName } from "@/lib/i18n/localized";
import { CreateUserInput } from "@/lib/validation/users";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { FormAlert } from "@/app/_components/form-alert";
import { applyServerErrors } from "@/app/_components/server-errors";
import { SecretDialog } from "./secret-dialog";

type Values = z.input<typeof CreateUserInput>;
type Team = { id: string; name: string; nameEn: string | null };
const NO_TEAM = "none";

export function AddUserDialog({ teams, onCreated }: { teams: Team[]; onCreated: () => void }) {
  const t = useTranslations("team");
  const tc = useTranslations("common");
  const tr = useTranslations("roles");
  const tv = useTranslations("validation");
  const locale = useLocale();
  const trpc = useTRPC();
  const create = useMutation(trpc.users.create.mutationOptions());
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string; hint: string } | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(CreateUserInput),
    defaultValues: { email: "", name: "", role: "rep", teamIds: [], method: "password" },
  });
  const { errors, isSubmitting } = form.formState;
  const err = (m?: string) => (m ? tv(m) : undefined);

  async function onSubmit(values: Values) {
    setError(null);
    try {
      const result = await create.mutateAsync(values);
      onCreated();
      setOpen(false);
      form.reset();
      if (result.kind === "password")
        setSecret({ title: t("userCreated"), value: result.password, hint: t("oneTimeHint") });
      else if (result.kind === "invite")
        setSecret({
          title: t("inviteCreated"),
          value: `${window.location.origin}/invite/${result.token}`,
          hint: t("inviteHint"),
        });
      else setSecret({ title: t("userAdded"), value: values.email, hint: t("userAddedHint") });
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  }

  return (
    <>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button size="sm">
            <UserPlusIcon />
            {t("addUser")}
          </Button>
        </DialogTrigger>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("addUser")}</DialogTitle>
            <DialogDescription>{t("addUserHint")}</DialogDescription>
          </DialogHeader>
          <form className="grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
            {error ? <FormAlert>{error}</FormAlert> : null}
            <Field id="new-name" label={t("col.name")} error={err(errors.name?.message)}>
              <Input id="new-name" aria-invalid={!!errors.name} {...form.register("name")} />
            </Field>
            <Field id="new-email" label={t("email")} error={err(errors.email?.message)}>
              <Input id="new-email" type="email" aria-invalid={!!errors.email} {...form.register("email")} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="new-role" label={t("col.role")}>
                <Controller
                  control={form.control}
                  name="role"
                  render={({ field }) => (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger id="new-role">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {ROLES.map((r) => (
                          <SelectItem key={r} value={r}>
                            {tr(r)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                />
              </Field>
              <Field id="new-team" label={t("team")}>
                <Controller
                  control={form.control}
                  name="teamIds"
                  render={({ field }) => (
                    <Select
                      value={field.value?.[0] ?? NO_TEAM}
                      onValueChange={(v) => field.onChange(v === NO_TEAM ? [] : [v])}
                    >
                      <SelectTrigger id="new-team">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={NO_TEAM}>{t("noTeam")}</SelectItem>
                        {teams.map((tm) => (
                          <SelectItem key={tm.id} value={tm.id}>
                            {localName(tm, locale)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                />
              </Field>
            </div>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t("method")}</legend>
              {(["password", "invite"] as const).map((m) => (
                <label
                  key={m}
                  className="flex cursor-pointer items-start gap-2 rounded-md border p-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5"
                >
                  <input
                    type="radio"
                    value={m}
                    className="mt-0.5 accent-[var(--primary)]"
                    {...form.register("method")}
                  />
                  <span>
                    <span className="block font-medium">{t(`methods.${m}`)}</span>
                    <span className="block text-xs text-muted-foreground">{t(`methods.${m}Hint`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <DialogFooter>
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? <Loader2Icon className="animate-spin" /> : null}
                {t("addUser")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
