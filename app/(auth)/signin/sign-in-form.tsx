"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2Icon } from "lucide-react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Email } from "@/lib/validation/auth";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
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
  const tv = useTranslations("validation");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInInput>({
    resolver: zodResolver(SignInInput),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

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
        <Field id="email" label={t("email")} error={errors.email?.message && tv(errors.email.message)}>
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
          error={errors.password?.message && tv(errors.password.message)}
        >
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={!!errors.password}
            {...form.register("password")}
          />
        </Field>
        <Button type="submit" disabled={isSubmitting} className="mt-2 w-full">
          {isSubmitting ? <Loader2Icon className="animate-spin" /> : null}
          {t("signIn")}
        </Button>
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
