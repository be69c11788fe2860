"use client";

import { CheckIcon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { FieldInput, fromDraft, type DraftValue } from "@/app/(app)/deals/[id]/field-input";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { FieldDef, NamedRule, ScoringRule } from "@/workflows/definition/schema";
import { evaluateCondition, explain, scoreDeal, type DealValues, type Priority } from "@/workflows/rules";
import { fieldsRead } from "./scoring";
import type { Directory } from "./types";

const PRIORITY_STYLE: Record<Priority, string> = {
  A: "bg-success/15 text-[oklch(0.42_0.12_155)] ring-success/40",
  B: "bg-primary/10 text-primary ring-primary/30",
  C: "bg-warning/20 text-[oklch(0.45_0.1_70)] ring-warning/50",
  D: "bg-secondary text-muted-foreground ring-border",
};

/** A sample deal typed in by the admin, scored live with the engine's own scoreDeal and explain. */
export function TryItPanel({
  scoring,
  fields,
  rules,
  directory,
}: {
  scoring: ScoringRule;
  fields: FieldDef[];
  rules: NamedRule[];
  directory: Directory;
}) {
  const t = useTranslations("ruleBuilder");
  const locale = useLocale();
  const lang = locale.startsWith("zh") ? "zh-CN" : "en";
  const id = useId();
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const [showAll, setShowAll] = useState(false);
  const read = fieldsRead(
    scoring.criteria.map((c) => c.when),
    fields,
    rules,
  );
  const shown = showAll || read.length === 0 ? fields : read;
  const values = useMemo(() => {
    const out: DealValues = {};
    for (const f of fields) {
      const v = fromDraft(f, drafts[f.key]);
      if (v !== null && !(typeof v === "number" && !Number.isFinite(v))) out[f.key] = v;
    }
    return out;
  }, [drafts, fields]);
  // One clock per render: "within 90 days" is judged against today, as the server would.
  const ctx = { fields, rules, values, now: new Date() };
  const result = scoreDeal(scoring, ctx);
  return (
    <div className="grid gap-4 @2xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]" data-testid="scoring-try-it">
      <div className="space-y-3">
        <div className="flex items-center justify-between gap-2">
          <h4 className="text-sm font-semibold">{t("sampleDeal")}</h4>
          <div className="flex gap-1">
            {read.length && read.length < fields.length ? (
              <Button type="button" variant="ghost" size="sm" onClick={() => setShowAll(!showAll)}>
                {showAll ? t("onlyScoredFields") : t("allFields", { count: fields.length })}
              </Button>
            ) : null}
            <Button type="button" variant="ghost" size="sm" onClick={() => setDrafts({})}>
              {t("clearSample")}
            </Button>
          </div>
        </div>
        <div className="grid gap-3 @lg:grid-cols-2">
          {shown.map((f) => {
            const inputId = `${id}-${f.key}`;
            const set = (v: DraftValue) => setDrafts((d) => ({ ...d, [f.key]: v }));
            return (
              <div key={f.key} className={cn("grid gap-1.5", f.type === "longText" && "@lg:col-span-2")}>
                <Label htmlFor={inputId} className="text-xs">
                  {localized(f.name, locale)}
                </Label>
                {f.type === "user" ? (
                  <Select
                    value={typeof drafts[f.key] === "string" ? (drafts[f.key] as string) : ""}
                    onValueChange={set}
                  >
                    <SelectTrigger id={inputId}>
                      <SelectValue placeholder={t("chooseUser")} />
                    </SelectTrigger>
                    <SelectContent>
                      {directory.users.map((u) => (
                        <SelectItem key={u.id} value={u.id}>
                          {u.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                ) : (
                  <FieldInput id={inputId} field={f} value={drafts[f.key]} invalid={false} onChange={set} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        className="space-y-3 rounded-lg border bg-muted/30 p-3"
        aria-live="polite"
        data-testid="scoring-result"
      >
        <div className="flex items-center gap-3">
          <span
            className={cn(
              "flex size-12 items-center justify-center rounded-full text-xl font-bold ring-2",
              PRIORITY_STYLE[result.priority],
            )}
            data-testid="scoring-priority"
            aria-label={t("priorityIs", { priority: result.priority })}
          >
            {result.priority}
          </span>
          <div className="flex-1">
            <div className="flex items-baseline gap-1">
              <span className="text-2xl font-semibold tabular-nums" data-testid="scoring-score">
                {result.score}
              </span>
              <span className="text-sm text-muted-foreground">/ 100</span>
            </div>
            <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-secondary">
              <div
                className="h-full rounded-full bg-primary transition-all"
                style={{ width: `${result.score}%` }}
              />
            </div>
          </div>
        </div>
        <ul className="space-y-2">
          {scoring.criteria.map((c, i) => {
            const r = result.criteria[i];
            const lines = explain(evaluateCondition(c.when, ctx).node, { fields, locale: lang }).lines;
            return (
              <li key={c.id} className="text-sm" data-testid="scoring-criterion-result" data-pass={r?.pass}>
                <div className="flex items-center gap-2">
                  {r?.pass ? (
                    <CheckIcon className="size-4 shrink-0 text-success" aria-label={t("held")} />
                  ) : (
                    <XIcon className="size-4 shrink-0 text-muted-foreground" aria-label={t("notHeld")} />
                  )}
                  <span className={cn("flex-1", !r?.pass && "text-muted-foreground")}>
                    {localized(c.label, locale)}
                  </span>
                  <span
                    className={cn(
                      "tabular-nums text-xs",
                      r?.pass ? "font-medium text-success" : "text-muted-foreground",
                    )}
                  >
                    {r?.pass ? `+${r.earned}` : `0 / ${c.points}`}
                  </span>
                </div>
                <ul className="mt-0.5 space-y-0.5 pl-6">
                  {lines
                    .filter((l) => lines.length === 1 || l.depth > 0 || !/[::]$/.test(l.text))
                    .map((l, j) => (
                      <li
                        key={j}
                        className={cn(
                          "text-xs",
                          l.pass ? "text-muted-foreground" : "text-muted-foreground/70",
                        )}
                        style={{
                          paddingLeft: `${Math.max(0, l.depth - (lines.length > 1 ? 1 : 0)) * 0.75}rem`,
                        }}
                      >
                        {l.pass ? "✓ " : "✗ "}
                        {l.text}
                      </li>
                    ))}
                </ul>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
