"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import { ChangePasswordInput } from "@/lib/validation/auth";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { FormAlert } from "./form-alert";
import { applyServerErrors } from "./server-errors";

type Values = z.infer<typeof ChangePasswordInput>;

export function ChangePasswordForm({ redirectTo }: { redirectTo?: string }) {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const router = useRouter();
  const trpc = useTRPC();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(ChangePasswordInput),
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: Values) {
    setError(null);
    try {
      await change.mutateAsync(values);
    } catch (e) {
      setError(applyServerErrors(form, e));
      return;
    }
    toast.success(t("passwordChanged"));
    form.reset();
    if (redirectTo) {
      router.replace(redirectTo);
      router.refresh();
    }
  }

  return (
    <form className="grid max-w-sm gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
      {error ? <FormAlert>{error}</FormAlert> : null}
      <Field
        id="currentPassword"
        label={t("currentPassword")}
        error={errors.currentPassword?.message && tv(errors.currentPassword.message)}
      >
        <Input
          id="currentPassword"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.currentPassword}
          {...form.register("currentPassword")}
        />
      </Field>
      <Field
        id="newPassword"
        label={t("newPassword")}
        error={errors.newPassword?.message && tv(errors.newPassword.message)}
        hint={t("passwordHint")}
      >
        <Input
          id="newPassword"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.newPassword}
          {...form.register("newPassword")}
        />
      </Field>
      <Button type="submit" disabled={isSubmitting} className="justify-self-start">
        {isSubmitting ? <Loader2Icon className="animate-spin" /> : null}
        {t("changePassword")}
      </Button>
    </form>
  );
}
