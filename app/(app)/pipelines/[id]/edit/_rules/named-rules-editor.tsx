"use client";

import { PlusIcon, Trash2Icon, TriangleAlertIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Input } from "@/lib/ui/input";
import type { FieldDef, NamedRule } from "@/workflows/definition/schema";
import { keyProblem, uniqueKey } from "../_fields/keys";
import { ConditionEditor } from "./condition-editor";
import { ruleReferences } from "./rule-usage";
import type { Directory } from "./types";

export type NamedRulesEditorProps = {
  rules: NamedRule[];
  onChange(next: NamedRule[]): void;
  fields: FieldDef[];
  directory: Directory;
  readOnly?: boolean;
  /** Other places naming each rule (edges, criteria…), by rule key, as the reader should see them. */
  usedBy?: Record<string, string[]>;
};

/** The pipeline's named rules ("BANT qualified"…): a name in both languages, a key and a condition. */
export function NamedRulesEditor({
  rules,
  onChange,
  fields,
  directory,
  readOnly,
  usedBy,
}: NamedRulesEditorProps) {
  const t = useTranslations("ruleBuilder");
  // Keys are fixed once saved (conditions refer to them); only rules added here may be re-keyed.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const add = () => {
    const key = uniqueKey(
      "rule",
      rules.map((r) => r.key),
      "rule",
    );
    setFresh(new Set([...fresh, key]));
    onChange([...rules, { key, name: { zh: t("newRuleZh"), en: t("newRuleEn") }, condition: { all: [] } }]);
  };
  return (
    <div className="space-y-3" data-testid="named-rules-editor">
      <header className="space-y-0.5">
        <h3 className="text-sm font-semibold">{t("namedRules")}</h3>
        <p className="text-xs text-muted-foreground">{t("namedRulesHint")}</p>
      </header>
      {rules.length === 0 ? <p className="text-sm text-muted-foreground">{t("noRules")}</p> : null}
      {rules.map((rule, i) => (
        <RuleCard
          key={i}
          rule={rule}
          rules={rules}
          fields={fields}
          directory={directory}
          readOnly={readOnly}
          editableKey={fresh.has(rule.key)}
          usedBy={usedBy?.[rule.key] ?? []}
          onChange={(next) => {
            if (next.key !== rule.key && fresh.has(rule.key)) setFresh(new Set([...fresh, next.key]));
            onChange(rules.map((r, j) => (j === i ? next : r)));
          }}
          onRemove={() => onChange(rules.filter((_, j) => j !== i))}
        />
      ))}
      {readOnly ? null : (
        <Button type="button" variant="outline" size="sm" onClick={add} data-testid="rule-add">
          <PlusIcon aria-hidden />
          {t("addNamedRule")}
        </Button>
      )}
    </div>
  );
}

function RuleCard({
  rule,
  rules,
  fields,
  directory,
  readOnly,
  editableKey,
  usedBy,
  onChange,
  onRemove,
}: {
  rule: NamedRule;
  rules: NamedRule[];
  fields: FieldDef[];
  directory: Directory;
  readOnly?: boolean;
  editableKey: boolean;
  usedBy: string[];
  onChange: (next: NamedRule) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("ruleBuilder");
  const locale = useLocale();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [keyTyped, setKeyTyped] = useState(false);
  const others = rules.filter((r) => r !== rule);
  const refs = ruleReferences(rule.key, rules);
  const users = [...refs.rules.map((r) => localized(r.name, locale)), ...usedBy];
  const problem = keyProblem(
    rule.key,
    others.map((r) => r.key),
  );
  const name = localized(rule.name, locale);
  return (
    <section
      className="@container space-y-3 rounded-xl border bg-card p-3 shadow-xs"
      aria-labelledby={`${id}-title`}
      data-testid="named-rule"
    >
      <div className="flex items-start gap-2">
        <h4 id={`${id}-title`} className="sr-only">
          {name}
        </h4>
        <div className="grid flex-1 gap-2 @md:grid-cols-2 @2xl:grid-cols-[1fr_1fr_10rem]">
          <Input
            aria-label={t("nameZh")}
            placeholder={t("nameZh")}
            value={rule.name.zh}
            disabled={readOnly}
            aria-invalid={!rule.name.zh.trim() || undefined}
            onChange={(e) => onChange({ ...rule, name: { ...rule.name, zh: e.target.value } })}
            className="h-8"
          />
          <Input
            aria-label={t("nameEn")}
            placeholder={t("nameEn")}
            value={rule.name.en}
            disabled={readOnly}
            aria-invalid={!rule.name.en.trim() || undefined}
            onChange={(e) => {
              const en = e.target.value;
              // A new rule's key follows its English name until the key is typed in by hand.
              const key =
                editableKey && !keyTyped
                  ? uniqueKey(
                      en,
                      others.map((r) => r.key),
                      "rule",
                    )
                  : rule.key;
              onChange({ ...rule, key, name: { ...rule.name, en } });
            }}
            className="h-8"
          />
          <Input
            aria-label={t("key")}
            title={editableKey ? t("key") : t("keyFixed")}
            value={rule.key}
            disabled={readOnly || !editableKey}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => {
              setKeyTyped(true);
              onChange({ ...rule, key: e.target.value.trim() });
            }}
            className="h-8 font-mono text-xs"
          />
        </div>
        {readOnly ? null : (
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-8 text-muted-foreground hover:text-destructive"
            aria-label={t("deleteRule", { name })}
            onClick={() => (users.length ? setConfirming(true) : onRemove())}
            data-testid="rule-delete"
          >
            <Trash2Icon aria-hidden />
          </Button>
        )}
      </div>
      {problem ? <p className="text-xs text-destructive">{t(`keyProblem.${problem}`)}</p> : null}
      {!rule.name.zh.trim() || !rule.name.en.trim() ? (
        <p className="text-xs text-destructive">{t("nameRequired")}</p>
      ) : null}
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby={`${id}-confirm`}
          className="space-y-2 rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm"
        >
          <p id={`${id}-confirm`} className="flex items-start gap-2">
            <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-[oklch(0.45_0.1_70)]" aria-hidden />
            {t("deleteUsed", {
              name,
              count: users.length,
              list: users.join(locale.startsWith("zh") ? "、" : ", "),
            })}
          </p>
          <div className="flex justify-end gap-2">
            <Button type="button" size="sm" variant="outline" onClick={() => setConfirming(false)} autoFocus>
              {t("cancel")}
            </Button>
            <Button
              type="button"
              size="sm"
              variant="destructive"
              onClick={onRemove}
              data-testid="rule-delete-confirm"
            >
              {t("deleteAnyway")}
            </Button>
          </div>
        </div>
      ) : null}
      <ConditionEditor
        value={rule.condition}
        onChange={(condition) => onChange({ ...rule, condition: condition ?? { all: [] } })}
        fields={fields}
        rules={others}
        directory={directory}
        readOnly={readOnly}
        label={t("conditionOf", { name })}
      />
    </section>
  );
}
