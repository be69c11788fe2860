"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
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
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { FormAlert } from "@/app/_components/form-alert";
import { applyServerErrors } from "@/app/_components/server-errors";

type Values = z.input<typeof SignUpInput>;

export function SignUpForm({ locale }: { locale: Locale }) {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const router = useRouter();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(SignUpInput),
    defaultValues: { companyName: "", name: "", email: "", password: "", locale },
  });
  const { errors, isSubmitting } = form.formState;
  const err = (m?: string) => (m ? tv(m) : undefined);

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
        <Field id="companyName" label={t("companyName")} error={err(errors.companyName?.message)}>
          <Input
            id="companyName"
            autoComplete="organization"
            aria-invalid={!!errors.companyName}
            {...form.register("companyName")}
          />
        </Field>
        <Field id="name" label={t("yourName")} error={err(errors.name?.message)}>
          <Input id="name" autoComplete="name" aria-invalid={!!errors.name} {...form.register("name")} />
        </Field>
        <Field id="email" label={t("email")} error={err(errors.email?.message)}>
          <Input
            id="email"
            type="email"
            autoComplete="username"
            aria-invalid={!!errors.email}
            {...form.register("email")}
          />
        </Field>
        <Field
          id="password"
          label={t("password")}
          error={err(errors.password?.message)}
          hint={t("passwordHint")}
        >
          <Input
            id="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!errors.password}
            {...form.register("password")}
          />
        </Field>
        <Button type="submit" disabled={isSubmitting} className="mt-2 w-full">
          {isSubmitting ? <Loader2Icon className="animate-spin" /> : null}
          {t("createCompany")}
        </Button>
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
