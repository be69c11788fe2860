"use client";

/*
 * The rule builder: a condition tree edited row by row, typed by field.
 *
 * Selectors for browser tests (stable; aria-labels follow the user's language, test ids do not):
 * - [data-testid=condition-editor]           the whole builder (one per ConditionEditor)
 * - [data-testid=condition-add]              "Add condition" (empty state, and in every group)
 * - [data-testid=condition-add-group]        "Add group";  [data-testid=condition-add-rule] "Use a named rule"
 * - [data-testid=condition-row]              one comparison row; inside it:
 *     [data-testid=condition-field]          field picker (Radix select trigger; options are role=option by field name)
 *     [data-testid=condition-op]             operator picker (Radix select trigger)
 *     [data-testid=condition-value]          the value control: <input>, a select trigger, or a group of
 *                                            aria-pressed chips (options, users, yes/no)
 *     [data-testid=condition-not]            wrap in / unwrap from "not";  [data-testid=condition-remove] remove
 * - [data-testid=condition-group]            a group, with [data-testid=condition-group-kind] (all ↔ any)
 * - [data-testid=condition-rule-row]         a reference to a named rule ([data-testid=condition-rule] picker)
 * - [data-testid=condition-problem]          the message under an invalid or unfinished row
 * - [data-testid=condition-summary]          the one-line plain-language summary
 * Rows carry data-path (the compiler's path, e.g. "all[1].not") and data-invalid="true" when marked.
 * Example: click condition-add, pick "Amount" in the last condition-row's condition-field, pick "≥" in
 * condition-op, fill condition-value with 50000, expect condition-summary to contain "50,000".
 * test/e2e/rule-builder.ts `addCondition(page, editor, { field, op, value })` does exactly this for
 * every kind of value (inputs, ranges, option and person pickers, chips).
 */

import { BracesIcon, CircleSlashIcon, ListPlusIcon, PlusIcon, SigmaIcon, Trash2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { createContext, useContext, useId, useMemo, type ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { Condition, FieldDef, LocalizedText, NamedRule } from "@/workflows/definition/schema";
import { conditionProblems, childPath, type ConditionPath } from "./condition-check";
import { newComparison, opsForField, withField, withOp, withValue, type Comparison } from "./operators";
import { OpLabel, opLabelKey } from "./op-label";
import { summarize } from "./summary";
import {
  addMember,
  isGroup,
  members,
  removeMember,
  replaceMember,
  toggleGroup,
  toggleNot,
  type Group,
} from "./tree";
import type { Directory } from "./types";
import { ValueInput } from "./value-input";

export type ConditionEditorProps = {
  value: Condition | undefined;
  onChange(next: Condition | undefined): void;
  fields: FieldDef[];
  rules: NamedRule[];
  directory: Directory;
  readOnly?: boolean;
  /** Names the builder for screen readers, e.g. "Condition of Qualify". */
  label?: string;
};

type Ctx = {
  fields: FieldDef[];
  rules: NamedRule[];
  directory: Directory;
  readOnly: boolean;
  problems: Map<ConditionPath, LocalizedText>;
  locale: string;
  idBase: string;
};

const EditorContext = createContext<Ctx | null>(null);
const useEditor = () => useContext(EditorContext) as Ctx;

/** The rule builder: nested all / any / not groups of typed comparisons and named-rule references. */
export function ConditionEditor({
  value,
  onChange,
  fields,
  rules,
  directory,
  readOnly = false,
  label,
}: ConditionEditorProps) {
  const t = useTranslations("ruleBuilder");
  const locale = useLocale();
  const idBase = useId();
  const problems = useMemo(() => conditionProblems(value, fields, rules), [value, fields, rules]);
  const summary = summarize(value, {
    fields,
    rules,
    users: directory.users,
    locale: locale.startsWith("zh") ? "zh-CN" : "en",
  });
  const ctx = useMemo(
    () => ({ fields, rules, directory, readOnly, problems, locale, idBase }),
    [fields, rules, directory, readOnly, problems, locale, idBase],
  );
  return (
    <EditorContext.Provider value={ctx}>
      <div
        className="@container space-y-2"
        data-testid="condition-editor"
        role="group"
        aria-label={label ?? t("label")}
      >
        {value ? (
          <>
            <NodeEditor node={value} path="" onChange={onChange} onRemove={() => onChange(undefined)} />
            {/* A lone row (or negated row) grows into "all of" it and the new one. */}
            {readOnly || isGroup(value) ? null : <AddButtons onAdd={(c) => onChange(addMember(value, c))} />}
          </>
        ) : (
          <div className="flex flex-wrap items-center gap-2 rounded-lg border border-dashed px-3 py-2.5">
            <span className="mr-auto text-sm text-muted-foreground">{t("empty")}</span>
            {readOnly ? null : <AddButtons onAdd={(c) => onChange(c)} />}
          </div>
        )}
        <p
          className="flex items-start gap-1.5 text-xs text-muted-foreground"
          data-testid="condition-summary"
          aria-live="polite"
        >
          <SigmaIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          <span>
            <span className="sr-only">{t("summary")}: </span>
            {summary}
          </span>
        </p>
      </div>
    </EditorContext.Provider>
  );
}

/** "Add condition", "Add group" and (when there are named rules) "Use a rule". */
function AddButtons({ onAdd, compact }: { onAdd: (c: Condition) => void; compact?: boolean }) {
  const t = useTranslations("ruleBuilder");
  const { rules } = useEditor();
  const size = "sm" as const;
  return (
    <div className="flex flex-wrap items-center gap-1">
      <Button
        type="button"
        variant="ghost"
        size={size}
        onClick={() => onAdd(newComparison(undefined))}
        data-testid="condition-add"
      >
        <PlusIcon aria-hidden />
        {t("addCondition")}
      </Button>
      <Button
        type="button"
        variant="ghost"
        size={size}
        onClick={() => onAdd({ all: [newComparison(undefined)] })}
        data-testid="condition-add-group"
      >
        <BracesIcon aria-hidden />
        {compact ? t("addGroupShort") : t("addGroup")}
      </Button>
      {rules.length ? (
        <Button
          type="button"
          variant="ghost"
          size={size}
          onClick={() => onAdd({ rule: "" })}
          data-testid="condition-add-rule"
        >
          <ListPlusIcon aria-hidden />
          {t("addRule")}
        </Button>
      ) : null}
    </div>
  );
}

type NodeProps = {
  node: Condition;
  path: ConditionPath;
  onChange: (next: Condition) => void;
  onRemove: () => void;
  /** Wraps the node in "not", or unwraps it when it is shown negated. */
  onNot: () => void;
  /** Shown as the inside of a "not": marked NOT, and its not-button unwraps. */
  negated?: boolean;
};

function NodeEditor(props: Omit<NodeProps, "onNot"> & { onNot?: () => void; negated?: boolean }) {
  const { node, path, onChange } = props;
  const onNot = props.onNot ?? (() => onChange(toggleNot(node)));
  if ("not" in node && !("not" in node.not)) {
    // A negated row or group is drawn as that row or group, marked NOT: no extra box to fill in.
    const inner = node.not;
    return (
      <NodeEditor
        node={inner}
        path={childPath(path, "not")}
        onChange={(next) => onChange({ not: next })}
        onRemove={props.onRemove}
        onNot={() => onChange(inner)}
        negated
      />
    );
  }
  const all = { ...props, onNot };
  if (isGroup(node)) return <GroupEditor {...all} group={node} />;
  if ("not" in node) return <NotEditor {...all} inner={node.not} />;
  if ("rule" in node) return <RuleRow {...all} ruleKey={node.rule} />;
  return <ComparisonRow {...all} row={node} />;
}

function NotTag() {
  const t = useTranslations("ruleBuilder");
  return (
    <span
      className="rounded bg-warning/25 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-[oklch(0.45_0.1_70)]"
      data-testid="condition-not-tag"
    >
      {t("notLabel")}
    </span>
  );
}

/** The message under a row, linked to its controls by id. */
function Problem({ path }: { path: ConditionPath }) {
  const { problems, locale, idBase } = useEditor();
  const problem = problems.get(path);
  if (!problem) return null;
  return (
    <p id={`${idBase}-${path}-problem`} className="text-xs text-destructive" data-testid="condition-problem">
      {localized(problem, locale)}
    </p>
  );
}

function RowActions({
  onNot,
  onRemove,
  negated,
}: {
  onNot?: () => void;
  onRemove: () => void;
  negated?: boolean;
}) {
  const t = useTranslations("ruleBuilder");
  const { readOnly } = useEditor();
  if (readOnly) return null;
  return (
    <div className="ml-auto flex shrink-0 items-center">
      {onNot ? (
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-8 text-muted-foreground"
          aria-label={negated ? t("unwrapNot") : t("wrapNot")}
          title={negated ? t("unwrapNot") : t("wrapNot")}
          aria-pressed={negated}
          onClick={onNot}
          data-testid="condition-not"
        >
          <CircleSlashIcon aria-hidden />
        </Button>
      ) : null}
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className="size-8 text-muted-foreground hover:text-destructive"
        aria-label={t("remove")}
        title={t("remove")}
        onClick={onRemove}
        data-testid="condition-remove"
      >
        <Trash2Icon aria-hidden />
      </Button>
    </div>
  );
}

function RowFrame({
  path,
  children,
  testId,
  negated,
  actions,
}: {
  path: ConditionPath;
  children: ReactNode;
  testId: string;
  negated?: boolean;
  actions: ReactNode;
}) {
  const { problems } = useEditor();
  const invalid = problems.has(path);
  return (
    <div
      data-testid={testId}
      data-path={path}
      data-invalid={invalid || undefined}
      className={cn(
        "rounded-md border bg-card px-2 py-1.5",
        invalid && "border-destructive/50 bg-destructive/5",
      )}
    >
      <div className="flex items-start gap-1">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">
          {negated ? <NotTag /> : null}
          {children}
        </div>
        {actions}
      </div>
      <Problem path={path} />
    </div>
  );
}

function ComparisonRow({ row, path, onChange, onRemove, onNot, negated }: NodeProps & { row: Comparison }) {
  const t = useTranslations("ruleBuilder");
  const { fields, directory, readOnly, problems, locale, idBase } = useEditor();
  const field = fields.find((f) => f.key === row.field);
  const invalid = problems.has(path);
  const describedBy = invalid ? `${idBase}-${path}-problem` : undefined;
  const fieldName = field ? localized(field.name, locale) : t("field");
  return (
    <RowFrame
      path={path}
      testId="condition-row"
      negated={negated}
      actions={<RowActions onRemove={onRemove} onNot={onNot} negated={negated} />}
    >
      <Select
        value={row.field || undefined}
        onValueChange={(key) => {
          const next = fields.find((f) => f.key === key);
          if (next) onChange(withField(row, field, next));
        }}
        disabled={readOnly}
      >
        <SelectTrigger
          className="h-8 w-full whitespace-nowrap @md:w-44 [&>span]:truncate"
          aria-label={t("field")}
          aria-describedby={describedBy}
          aria-invalid={(invalid && !field) || undefined}
          data-testid="condition-field"
        >
          <SelectValue placeholder={t("chooseField")}>
            {field ? localized(field.name, locale) : row.field ? row.field : undefined}
          </SelectValue>
        </SelectTrigger>
        <SelectContent>
          {fields.map((f) => (
            <SelectItem key={f.key} value={f.key}>
              {localized(f.name, locale)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {field ? (
        <>
          <Select
            value={row.op}
            onValueChange={(op) => onChange(withOp(row, field, op as Comparison["op"]))}
            disabled={readOnly}
          >
            <SelectTrigger
              className="h-8 w-auto min-w-24 whitespace-nowrap"
              aria-label={t("operator")}
              data-testid="condition-op"
            >
              <SelectValue>
                <OpLabel field={field} op={row.op} />
              </SelectValue>
            </SelectTrigger>
            <SelectContent>
              {opsForField(field, row.op).map((op) => (
                <SelectItem key={op} value={op} aria-label={t(`ops.${opLabelKey(field, op)}`)}>
                  <OpLabel field={field} op={op} />
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <ValueInput
            field={field}
            op={row.op}
            value={row.value}
            onChange={(v) => onChange(withValue(row, v))}
            directory={directory}
            disabled={readOnly}
            label={t("valueOf", { field: fieldName })}
            invalid={invalid}
          />
        </>
      ) : null}
    </RowFrame>
  );
}

function RuleRow({ ruleKey, path, onChange, onRemove, onNot, negated }: NodeProps & { ruleKey: string }) {
  const t = useTranslations("ruleBuilder");
  const { rules, readOnly, locale } = useEditor();
  const rule = rules.find((r) => r.key === ruleKey);
  const ruleName = rule ? localized(rule.name, locale) : ruleKey || undefined;
  return (
    <RowFrame
      path={path}
      testId="condition-rule-row"
      negated={negated}
      actions={<RowActions onRemove={onRemove} onNot={onNot} negated={negated} />}
    >
      <span className="rounded bg-secondary px-1.5 py-0.5 text-xs font-medium text-secondary-foreground">
        {t("ruleTag")}
      </span>
      <Select
        value={ruleKey || undefined}
        onValueChange={(key) => onChange({ rule: key })}
        disabled={readOnly}
      >
        <SelectTrigger
          className="h-8 min-w-0 flex-1 whitespace-nowrap @md:w-56 @md:flex-none [&>span]:truncate"
          aria-label={t("rule")}
          data-testid="condition-rule"
        >
          {/* The name is given, not left to Radix to copy from the closed list: it shows on first paint. */}
          <SelectValue placeholder={t("chooseRule")}>{ruleName}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {rules.map((r) => (
            <SelectItem key={r.key} value={r.key}>
              {localized(r.name, locale)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <span className="text-xs text-muted-foreground">{t("ruleHolds")}</span>
    </RowFrame>
  );
}

/** A "not" of a "not" (rare, from imported definitions): drawn as a box so neither is hidden. */
function NotEditor({ inner, path, onChange, onRemove, onNot }: NodeProps & { inner: Condition }) {
  return (
    <div
      className="rounded-md border border-dashed border-warning/60 bg-warning/5 p-1.5"
      data-testid="condition-not-group"
      data-path={path}
    >
      <div className="flex items-center gap-2 px-1 pb-1">
        <NotTag />
        <RowActions onRemove={onRemove} onNot={onNot} negated />
      </div>
      <NodeEditor
        node={inner}
        path={childPath(path, "not")}
        onChange={(next) => onChange({ not: next })}
        onRemove={onRemove}
      />
    </div>
  );
}

function GroupEditor({ group, path, onChange, onRemove, onNot, negated }: NodeProps & { group: Group }) {
  const t = useTranslations("ruleBuilder");
  const { readOnly } = useEditor();
  const kind = "all" in group ? "all" : "any";
  const list = members(group);
  return (
    <div
      data-testid="condition-group"
      data-path={path}
      className={cn(
        "rounded-lg border-l-[3px] bg-muted/40 p-2",
        kind === "all" ? "border-l-primary/60" : "border-l-success/70",
        negated && "bg-warning/5 ring-1 ring-warning/40",
      )}
    >
      <div className="flex flex-wrap items-center gap-2 pb-1.5">
        {negated ? <NotTag /> : null}
        <div
          role="radiogroup"
          aria-label={t("groupKind")}
          className="inline-flex rounded-md border bg-card p-0.5"
          data-testid="condition-group-kind"
        >
          {(["all", "any"] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={kind === k}
              disabled={readOnly}
              onClick={() => kind !== k && onChange(toggleGroup(group))}
              className={cn(
                "rounded px-2 py-0.5 text-xs font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                kind === k ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-accent",
              )}
            >
              {t(k === "all" ? "all" : "any")}
            </button>
          ))}
        </div>
        <span className="text-xs text-muted-foreground">{t(kind === "all" ? "allHint" : "anyHint")}</span>
        <RowActions onRemove={onRemove} onNot={onNot} negated={negated} />
      </div>
      <div className="space-y-1.5 @md:pl-2">
        {list.map((child, i) => {
          const childAt = childPath(path, `${kind}[${i}]`);
          return (
            <div key={i} className="flex items-start gap-1.5">
              <span
                className="mt-2 w-6 shrink-0 text-right text-[11px] font-medium uppercase text-muted-foreground"
                aria-hidden
              >
                {i === 0 ? "" : t(kind === "all" ? "and" : "or")}
              </span>
              <div className="min-w-0 flex-1">
                <NodeEditor
                  node={child}
                  path={childAt}
                  onChange={(next) => onChange(replaceMember(group, i, next))}
                  onRemove={() => onChange(removeMember(group, i))}
                />
              </div>
            </div>
          );
        })}
        <Problem path={path} />
        {readOnly ? null : (
          <div className="pl-6">
            <AddButtons compact onAdd={(c) => onChange(addMember(group, c))} />
          </div>
        )}
      </div>
    </div>
  );
}
