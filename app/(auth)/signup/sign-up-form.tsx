"use client";

import { FormInput, SubmitButton } from "@/app/_components/form-input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { useTRPC } from "@/lib/trpc/client";
import { SignUpInput } from "@/lib/validation/auth";
import { FormAlert } from "@/app/_components/form-alert";
import { applyServerErrors } from "@/app/_components/server-errors";

type Values = z.input<typeof SignUpInput>;

export function SignUpForm({ locale }: { locale: Locale }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(SignUpInput),
    defaultValues: { companyName: "", name: "", email: "", password: "", locale },
  });

  async function onSubmit(values: Values) {
    setError(null);
    try {
      await signUp.mutateAsync({ ...values, locale });
    } catch (e) {
      setError(applyServerErrors(form, e));
      return;
    }
    const result = await signIn("credentials", {
      email: values.email,
      password: values.password,
      redirect: false,
    });
    if (result?.error) {
      router.replace("/signin");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("signUpTitle")}</h1>
      <p className="mt-1 text-sm text-muted-foreground">{t("signUpSubtitle")}</p>
      <form className="mt-6 grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        {error ? <FormAlert>{error}</FormAlert> : null}
        <FormInput form={form} name="companyName" label={t("companyName")} autoComplete="organization" />
        <FormInput form={form} name="name" label={t("yourName")} autoComplete="name" />
        <FormInput form={form} name="email" label={t("email")} type="email" autoComplete="username" />
        <FormInput
          form={form}
          name="password"
          label={t("password")}
          hint={t("passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton pending={form.formState.isSubmitting} className="mt-2 w-full">
          {t("createCompany")}
        </SubmitButton>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        {t("haveAccount")}{" "}
        <Link href="/signin" className="font-medium text-primary hover:underline">
          {t("signInLink")}
        </Link>
      </p>
    </div>
  );
}
