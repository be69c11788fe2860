"use client";

import { FormInput, SubmitButton } from "@/app/_components/form-input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import { ChangePasswordInput } from "@/lib/validation/auth";
import { FormAlert } from "./form-alert";
import { applyServerErrors } from "./server-errors";

type Values = z.infer<typeof ChangePasswordInput>;

export function ChangePasswordForm({ redirectTo }: { redirectTo?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const trpc = useTRPC();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(ChangePasswordInput),
    defaultValues: { currentPassword: "", newPassword: "" },
  });

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
      <FormInput
        form={form}
        name="currentPassword"
        label={t("currentPassword")}
        type="password"
        autoComplete="current-password"
      />
      <FormInput
        form={form}
        name="newPassword"
        label={t("newPassword")}
        hint={t("passwordHint")}
        type="password"
        autoComplete="new-password"
      />
      <SubmitButton pending={form.formState.isSubmitting} className="justify-self-start">
        {t("changePassword")}
      </SubmitButton>
    </form>
  );
}
