"use client";

import { ArrowRightIcon, Loader2Icon, RotateCcwIcon, UsersIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import type { Conflict } from "./use-deal-edit";
import { useFieldFormatter } from "./use-deal-format";

/**
 * Someone saved the deal while the user was editing: what changed since, field by field (their
 * value → the current one, who and when), and one click to put their edits on top and save.
 */
export function EditConflictAlert({
  conflict,
  busy,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  busy: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("dealPage.edit.conflict");
  const td = useTranslations("dealPage");
  const locale = useLocale();
  const format = useFormatter();
  const { current, form, rows } = conflict;
  const formatValue = useFieldFormatter(current.deal.currency);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [conflict]);
  const names = new Map(form.actors.map((a) => [a.id, a.name]));
  const people = [...new Set(rows.flatMap((r) => (r.by && r.kind !== "mine" ? [r.by] : [])))].map(
    (id) => names.get(id) ?? t("someone"),
  );
  const label = (key: string) =>
    key === "currency"
      ? td("edit.currency")
      : form.fields.find((f) => f.key === key)
        ? localized(form.fields.find((f) => f.key === key)!.name, locale)
        : key;
  const text = (key: string, value: unknown) =>
    key === "currency"
      ? String(value)
      : (formatValue(
          form.fields.find((f) => f.key === key),
          value,
        ) ?? t("empty"));
  const clashes = rows.filter((r) => r.kind === "clash").length;

  return (
    <div
      ref={ref}
      role="alert"
      data-testid="edit-conflict"
      className="grid gap-3 rounded-md border border-warning/60 bg-warning/10 p-3 text-sm"
    >
      <div className="flex gap-2">
        <UsersIcon className="mt-0.5 size-4 shrink-0 text-[oklch(0.45_0.1_70)]" />
        <div className="grid gap-0.5">
          <p className="font-medium">
            {t("title", { people: people.length ? format.list(people) : t("someone") })}
          </p>
          <p className="text-muted-foreground">{clashes ? t("clashes", { count: clashes }) : t("noClash")}</p>
        </div>
      </div>
      {rows.length ? (
        <ul className="grid gap-1.5" data-testid="edit-conflict-rows">
          {rows.map((row) => (
            <li
              key={row.key}
              data-testid={`conflict-${row.key}`}
              className={cn(
                "grid gap-0.5 rounded-md border bg-card px-3 py-2",
                row.kind === "clash" && "border-warning",
              )}
            >
              <span className="text-xs text-muted-foreground">
                {label(row.key)}
                {row.kind === "clash" ? (
                  <span className="ml-1.5 font-medium text-[oklch(0.45_0.1_70)]">· {t("both")}</span>
                ) : null}
              </span>
              <span className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5">
                {row.kind === "theirs" ? (
                  <>
                    <span className="line-through decoration-muted-foreground/50">
                      {text(row.key, row.base)}
                    </span>
                    <ArrowRightIcon className="size-3 shrink-0 text-muted-foreground" />
                    <span className="font-medium">{text(row.key, row.current)}</span>
                  </>
                ) : (
                  <>
                    <span>{t("yours", { value: text(row.key, row.mine) })}</span>
                    <span className="text-muted-foreground">·</span>
                    <span className="font-medium">{t("now", { value: text(row.key, row.current) })}</span>
                  </>
                )}
              </span>
              {row.by && row.at && row.kind !== "mine" ? (
                <span className="text-xs text-muted-foreground">
                  {t("by", {
                    name: names.get(row.by) ?? t("someone"),
                    when: format.dateTime(row.at, { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" onClick={onReapply} disabled={busy} data-testid="edit-reapply">
          {busy ? <Loader2Icon className="animate-spin" /> : <RotateCcwIcon />}
          {t("reapply")}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDiscard} disabled={busy}>
          {t("discard")}
        </Button>
      </div>
    </div>
  );
}
