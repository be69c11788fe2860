"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { MoveButtons } from "@/lib/ui/move-buttons";
import { Input } from "@/lib/ui/input";
import { Label } from "@/lib/ui/label";
import type { FieldDef, NamedRule, ScoringRule } from "@/workflows/definition/schema";
import { moveItem, uniqueKey } from "../_fields/keys";
import { ConditionEditor } from "./condition-editor";
import { NumberInput } from "./value-input";
import { emptyScoring, thresholdProblem, totalPoints } from "./scoring";
import { TryItPanel } from "./try-it-panel";
import type { Directory } from "./types";

export type ScoringEditorProps = {
  value: ScoringRule | undefined;
  onChange(next: ScoringRule | undefined): void;
  fields: FieldDef[];
  rules: NamedRule[];
  directory: Directory;
  readOnly?: boolean;
};

type Criterion = ScoringRule["criteria"][number];

/** The priority score: weighted criteria, A/B/C thresholds (D below C) and a live "try it". */
export function ScoringEditor({ value, onChange, fields, rules, directory, readOnly }: ScoringEditorProps) {
  const t = useTranslations("ruleBuilder");
  const header = (
    <header className="space-y-0.5">
      <h3 className="text-sm font-semibold">{t("scoring")}</h3>
      <p className="text-xs text-muted-foreground">{t("scoringHint")}</p>
    </header>
  );
  if (!value) {
    return (
      <div className="space-y-3" data-testid="scoring-editor">
        {header}
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed p-4">
          <p className="mr-auto text-sm text-muted-foreground">{t("noScoring")}</p>
          {readOnly ? null : (
            <Button
              type="button"
              size="sm"
              onClick={() => onChange(emptyScoring())}
              data-testid="scoring-enable"
            >
              <PlusIcon aria-hidden />
              {t("enableScoring")}
            </Button>
          )}
        </div>
      </div>
    );
  }
  const total = totalPoints(value);
  const setCriteria = (criteria: Criterion[]) => onChange({ ...value, criteria });
  const add = () => {
    const id = uniqueKey(
      "criterion",
      value.criteria.map((c) => c.id),
      "criterion",
    );
    setCriteria([
      ...value.criteria,
      { id, label: { zh: t("newCriterionZh"), en: t("newCriterionEn") }, when: { all: [] }, points: 10 },
    ]);
  };
  return (
    <div className="@container space-y-5" data-testid="scoring-editor">
      {header}
      <section className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h4 className="text-sm font-semibold">{t("criteria")}</h4>
          <Badge variant={total > 100 ? "warning" : "secondary"} data-testid="scoring-total">
            {t("totalPoints", { total })}
          </Badge>
          {total > 100 ? <span className="text-xs text-muted-foreground">{t("capped")}</span> : null}
          {total < value.thresholds.a ? (
            <span className="text-xs text-destructive">{t("aUnreachable", { a: value.thresholds.a })}</span>
          ) : null}
          {readOnly ? null : (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="ml-auto"
              onClick={() => onChange(undefined)}
            >
              {t("disableScoring")}
            </Button>
          )}
        </div>
        <ol className="space-y-2">
          {value.criteria.map((c, i) => (
            <CriterionCard
              key={i}
              criterion={c}
              index={i}
              count={value.criteria.length}
              fields={fields}
              rules={rules}
              directory={directory}
              readOnly={readOnly}
              onChange={(next) => setCriteria(value.criteria.map((x, j) => (j === i ? next : x)))}
              onMove={(to) => setCriteria(moveItem(value.criteria, i, to))}
              onRemove={() => setCriteria(value.criteria.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
        {readOnly ? null : (
          <Button type="button" variant="outline" size="sm" onClick={add} data-testid="scoring-add">
            <PlusIcon aria-hidden />
            {t("addCriterion")}
          </Button>
        )}
      </section>
      <Thresholds value={value} onChange={onChange} readOnly={readOnly} />
      <section className="space-y-2 rounded-xl border bg-card p-3">
        <h4 className="text-sm font-semibold">{t("tryIt")}</h4>
        <p className="text-xs text-muted-foreground">{t("tryItHint")}</p>
        <TryItPanel scoring={value} fields={fields} rules={rules} directory={directory} />
      </section>
    </div>
  );
}

function CriterionCard({
  criterion,
  index,
  count,
  fields,
  rules,
  directory,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: {
  criterion: Criterion;
  index: number;
  count: number;
  fields: FieldDef[];
  rules: NamedRule[];
  directory: Directory;
  readOnly?: boolean;
  onChange: (next: Criterion) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("ruleBuilder");
  const locale = useLocale();
  const name = localized(criterion.label, locale);
  const pointsBad = !Number.isInteger(criterion.points) || criterion.points < 0 || criterion.points > 100;
  return (
    <li className="space-y-2 rounded-xl border bg-card p-3 shadow-xs" data-testid="scoring-criterion">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          aria-label={t("labelZh")}
          placeholder={t("labelZh")}
          value={criterion.label.zh}
          disabled={readOnly}
          onChange={(e) => onChange({ ...criterion, label: { ...criterion.label, zh: e.target.value } })}
          className="h-8 min-w-40 flex-1"
        />
        <Input
          aria-label={t("labelEn")}
          placeholder={t("labelEn")}
          value={criterion.label.en}
          disabled={readOnly}
          onChange={(e) => onChange({ ...criterion, label: { ...criterion.label, en: e.target.value } })}
          className="h-8 min-w-40 flex-1"
        />
        <NumberInput
          aria-label={t("pointsOf", { name })}
          value={criterion.points}
          onValue={(points) => points !== undefined && onChange({ ...criterion, points })}
          min={0}
          max={100}
          step={1}
          disabled={readOnly}
          aria-invalid={pointsBad || undefined}
          suffix={t("pointsUnit")}
          className="w-28 [&_input]:h-8"
          data-testid="scoring-points"
        />
        {readOnly ? null : (
          <div className="flex items-center">
            <MoveButtons
              index={index}
              count={count}
              onMove={onMove}
              upLabel={t("moveUp", { name })}
              downLabel={t("moveDown", { name })}
              className="size-8"
            />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="size-8 text-muted-foreground hover:text-destructive"
              aria-label={t("deleteCriterion", { name })}
              onClick={onRemove}
            >
              <Trash2Icon aria-hidden />
            </Button>
          </div>
        )}
      </div>
      {pointsBad ? <p className="text-xs text-destructive">{t("pointsRange")}</p> : null}
      <ConditionEditor
        value={criterion.when}
        onChange={(when) => onChange({ ...criterion, when: when ?? { all: [] } })}
        fields={fields}
        rules={rules}
        directory={directory}
        readOnly={readOnly}
        label={t("conditionOf", { name })}
      />
    </li>
  );
}

function Thresholds({
  value,
  onChange,
  readOnly,
}: {
  value: ScoringRule;
  onChange: (next: ScoringRule) => void;
  readOnly?: boolean;
}) {
  const t = useTranslations("ruleBuilder");
  const id = useId();
  const problem = thresholdProblem(value.thresholds);
  // A cleared box keeps the last number (the definition never holds a gap); the box shows what is typed.
  const set = (k: "a" | "b" | "c", n: number | undefined) =>
    n === undefined ? undefined : onChange({ ...value, thresholds: { ...value.thresholds, [k]: n } });
  return (
    <section className="space-y-2" aria-labelledby={`${id}-title`} data-testid="scoring-thresholds">
      <h4 id={`${id}-title`} className="text-sm font-semibold">
        {t("thresholds")}
      </h4>
      <div className="flex flex-wrap items-end gap-3">
        {(["a", "b", "c"] as const).map((k) => (
          <div key={k} className="grid gap-1">
            <Label htmlFor={`${id}-${k}`} className="text-xs">
              {t("thresholdLabel", { letter: k.toUpperCase() })}
            </Label>
            <NumberInput
              id={`${id}-${k}`}
              value={Number.isFinite(value.thresholds[k]) ? value.thresholds[k] : undefined}
              onValue={(n) => set(k, n)}
              min={0}
              max={100}
              step={1}
              disabled={readOnly}
              aria-invalid={problem ? true : undefined}
              className="w-24"
              data-testid={`scoring-threshold-${k}`}
            />
          </div>
        ))}
        <div className="grid gap-1">
          <span className="text-xs font-medium">D</span>
          <span className="flex h-9 items-center text-sm text-muted-foreground">
            {t("dImplied", { c: Number.isFinite(value.thresholds.c) ? value.thresholds.c : "—" })}
          </span>
        </div>
      </div>
      {problem ? (
        <p className="text-xs text-destructive" role="alert">
          {t(`thresholdProblem.${problem}`)}
        </p>
      ) : null}
    </section>
  );
}
