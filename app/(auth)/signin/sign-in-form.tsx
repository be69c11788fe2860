"use client";

import { FormInput, SubmitButton } from "@/app/_components/form-input";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Email } from "@/lib/validation/auth";
import { Button } from "@/lib/ui/button";
import { FormAlert } from "@/app/_components/form-alert";

const SignInInput = z.object({ email: Email, password: z.string().min(1, { error: "required" }) });
type SignInInput = z.infer<typeof SignInInput>;

export function SignInForm({
  callbackUrl,
  demo,
}: {
  callbackUrl: string;
  demo: { email: string; password: string } | null;
}) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInInput>({
    resolver: zodResolver(SignInInput),
    defaultValues: { email: "", password: "" },
  });

  async function onSubmit(values: SignInInput) {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      const code = result?.error;
      setError(t(code === "throttled" || code === "deactivated" ? `error.${code}` : "error.invalid"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("signInTitle")}</h1>
      <p className="mt-1 text-sm text-muted-foreground">{t("signInSubtitle")}</p>
      <form className="mt-6 grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        {error ? <FormAlert>{error}</FormAlert> : null}
        <FormInput form={form} name="email" label={t("email")} type="email" autoComplete="username" />
        <FormInput
          form={form}
          name="password"
          label={t("password")}
          type="password"
          autoComplete="current-password"
        />
        <SubmitButton pending={form.formState.isSubmitting} className="mt-2 w-full">
          {t("signIn")}
        </SubmitButton>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        {t("noAccount")}{" "}
        <Link href="/signup" className="font-medium text-primary hover:underline">
          {t("signUpLink")}
        </Link>
      </p>
      {demo ? (
        <div className="mt-8 rounded-lg border border-dashed bg-muted/50 p-4 text-sm">
          <p className="font-medium">{t("demoTitle")}</p>
          <p className="mt-1 text-muted-foreground">{t("demoHint", { password: demo.password })}</p>
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="mt-3"
            onClick={() => {
              form.setValue("email", demo.email);
              form.setValue("password", demo.password);
            }}
          >
            {t("demoFill", { email: demo.email })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
