"use client";

import { FormInput, SubmitButton } from "@/app/_components/form-input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import { Password, PersonName } from "@/lib/validation/auth";
import { FormAlert } from "@/app/_components/form-alert";
import { applyServerErrors } from "@/app/_components/server-errors";
import type { Role } from "@/lib/roles";

const NewAccount = z.object({ name: PersonName, password: Password });
type Values = z.infer<typeof NewAccount>;

export function AcceptInviteForm({
  token,
  info,
}: {
  token: string;
  info: { email: string; companyName: string; role: Role; hasAccount: boolean };
}) {
  const t = useTranslations("auth");
  const tr = useTranslations("roles");
  const router = useRouter();
  const trpc = useTRPC();
  const accept = useMutation(trpc.auth.acceptInvite.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: info.hasAccount ? undefined : zodResolver(NewAccount),
    defaultValues: { name: "", password: "" },
  });

  async function onSubmit(values: Values) {
    setError(null);
    try {
      await accept.mutateAsync(info.hasAccount ? { token } : { token, ...values });
    } catch (e) {
      setError(applyServerErrors(form, e));
      return;
    }
    if (info.hasAccount) {
      router.replace("/signin");
      return;
    }
    await signIn("credentials", { email: info.email, password: values.password, redirect: false });
    router.replace("/");
    router.refresh();
  }

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("inviteTitle")}</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        {t("inviteSubtitle", { company: info.companyName, role: tr(info.role), email: info.email })}
      </p>
      <form className="mt-6 grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        {error ? <FormAlert>{error}</FormAlert> : null}
        {info.hasAccount ? (
          <p className="text-sm">{t("inviteHasAccount")}</p>
        ) : (
          <>
            <FormInput form={form} name="name" label={t("yourName")} autoComplete="name" />
            <FormInput
              form={form}
              name="password"
              label={t("choosePassword")}
              hint={t("passwordHint")}
              type="password"
              autoComplete="new-password"
            />
          </>
        )}
        <SubmitButton pending={form.formState.isSubmitting} className="mt-2 w-full">
          {t("acceptInvite")}
        </SubmitButton>
      </form>
    </div>
  );
}
