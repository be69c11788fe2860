"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useSession } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { writeLocaleCookie } from "@/lib/i18n/locale-cookie";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { PersonName } from "@/lib/validation/auth";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";

const BROWSER = "browser";

export function ProfileForm({
  name: initialName,
  locale: initialLocale,
}: {
  name: string;
  locale: Locale | null;
}) {
  const t = useTranslations("settings");
  const tl = useTranslations("locale");
  const tv = useTranslations("validation");
  const tc = useTranslations("common");
  const router = useRouter();
  const { update } = useSession();
  const trpc = useTRPC();
  const save = useMutation(trpc.me.update.mutationOptions());
  const [name, setName] = useState(initialName);
  const [locale, setLocale] = useState<string>(initialLocale ?? BROWSER);
  const [nameError, setNameError] = useState<string>();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = PersonName.safeParse(name);
    if (!parsed.success) {
      setNameError(tv(parsed.error.issues[0]?.message ?? "required"));
      return;
    }
    setNameError(undefined);
    try {
      await save.mutateAsync({ name: parsed.data, locale: locale === BROWSER ? null : (locale as Locale) });
      if (locale === BROWSER) writeLocaleCookie(null);
      await update();
      toast.success(tc("saved"));
      router.refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <form className="grid max-w-sm gap-4" onSubmit={submit} noValidate>
      <Field id="profile-name" label={t("name")} error={nameError}>
        <Input
          id="profile-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!nameError}
        />
      </Field>
      <Field id="profile-locale" label={t("language")} hint={t("languageHint")}>
        <Select value={locale} onValueChange={setLocale}>
          <SelectTrigger id="profile-locale">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={BROWSER}>{t("followBrowser")}</SelectItem>
            {LOCALES.map((l) => (
              <SelectItem key={l} value={l}>
                {tl(l)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </Field>
      <Button type="submit" disabled={save.isPending} className="justify-self-start">
        {save.isPending ? <Loader2Icon className="animate-spin" /> : null}
        {tc("save")}
      </Button>
    </form>
  );
}
