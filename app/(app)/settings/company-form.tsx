"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { CompanyName } from "@/lib/validation/auth";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Switch } from "@/lib/ui/switch";

export function CompanyForm({
  company,
}: {
  company: { name: string; nameEn: string; repsSeeTeamDeals: boolean; anonymousFeedback: boolean };
}) {
  const t = useTranslations("settings");
  const tv = useTranslations("validation");
  const tc = useTranslations("common");
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.company.update.mutationOptions());
  const [values, setValues] = useState(company);
  const [nameError, setNameError] = useState<string>();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = CompanyName.safeParse(values.name);
    if (!parsed.success) {
      setNameError(tv(parsed.error.issues[0]?.message ?? "required"));
      return;
    }
    setNameError(undefined);
    try {
      await save.mutateAsync({ ...values, name: parsed.data, nameEn: values.nameEn.trim() || null });
      toast.success(tc("saved"));
      router.refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <form className="grid max-w-xl gap-4" onSubmit={submit} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="company-name" label={t("companyName")} error={nameError}>
          <Input
            id="company-name"
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
            aria-invalid={!!nameError}
          />
        </Field>
        <Field id="company-name-en" label={t("companyNameEn")}>
          <Input
            id="company-name-en"
            value={values.nameEn}
            maxLength={100}
            onChange={(e) => setValues({ ...values, nameEn: e.target.value })}
          />
        </Field>
      </div>
      <label className="flex items-start gap-3 rounded-md border p-3">
        <Switch
          checked={values.repsSeeTeamDeals}
          onCheckedChange={(c) => setValues({ ...values, repsSeeTeamDeals: c })}
          aria-label={t("repsSeeTeamDeals")}
        />
        <span className="text-sm">
          <span className="block font-medium">{t("repsSeeTeamDeals")}</span>
          <span className="block text-muted-foreground">{t("repsSeeTeamDealsHint")}</span>
        </span>
      </label>
      <label className="flex items-start gap-3 rounded-md border p-3">
        <Switch
          checked={values.anonymousFeedback}
          onCheckedChange={(c) => setValues({ ...values, anonymousFeedback: c })}
          aria-label={t("anonymousFeedback")}
          data-testid="setting-anonymous-feedback"
        />
        <span className="text-sm">
          <span className="block font-medium">{t("anonymousFeedback")}</span>
          <span className="block text-muted-foreground">{t("anonymousFeedbackHint")}</span>
        </span>
      </label>
      <Button
        type="submit"
        disabled={save.isPending}
        className="justify-self-start"
        data-testid="company-save"
      >
        {save.isPending ? <Loader2Icon className="animate-spin" /> : null}
        {tc("save")}
      </Button>
    </form>
  );
}
