"use client";

import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import type { Usage } from "./usage";

/** Where a field or option is used, one line per place: "Stage «Qualify» requires it". */
export function UsageList({ usages }: { usages: Usage[] }) {
  const t = useTranslations("fieldsDesigner.usage");
  const locale = useLocale();
  if (usages.length === 0) return null;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-xs text-muted-foreground" data-testid="fields-usages">
      {usages.map((u, i) => (
        <li key={i}>{t(u.kind, { name: localized(u.name, locale) })}</li>
      ))}
    </ul>
  );
}
