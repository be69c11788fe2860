"use client";

import { FlagIcon, MousePointerClickIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Input } from "@/lib/ui/input";
import { Switch } from "@/lib/ui/switch";
import type {
  Approver,
  Effect,
  PipelineDefinition,
  PipelineEdge,
  PipelineNode,
} from "@/workflows/definition/schema";
import { ConditionEditor } from "../_rules/condition-editor";
import { useEditorContext } from "./context";
import {
  Choice,
  ChecklistEditor,
  FieldPicker,
  GuidanceEditor,
  NumberField,
  OwnerRuleEditor,
  Row,
  Section,
  TextPair,
} from "./inspector-parts";
import { removeElements, renameNodeKey, updateEdge, updateNode } from "./model";

type Apply = (update: (d: PipelineDefinition) => PipelineDefinition, tag?: string) => void;

/** The right panel's first tab: everything about the selected node or edge, or the process itself. */
export function Inspector({
  definition,
  selection,
  apply,
}: {
  definition: PipelineDefinition;
  selection: { nodes: string[]; edges: string[] };
  apply: Apply;
  readOnly: boolean;
  pipelineId: string;
}) {
  const t = useTranslations("editor.inspector");
  const count = selection.nodes.length + selection.edges.length;
  if (count > 1) {
    return (
      <div className="p-6 text-center text-sm text-muted-foreground" data-testid="inspector-multi">
        {t("multi", { count })}
      </div>
    );
  }
  const node = selection.nodes[0] ? definition.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  if (node) return <NodeInspector key={node.id} node={node} definition={definition} apply={apply} />;
  const edge = selection.edges[0] ? definition.edges.find((e) => e.id === selection.edges[0]) : undefined;
  if (edge) return <EdgeInspector key={edge.id} edge={edge} definition={definition} apply={apply} />;
  return <ProcessInspector definition={definition} apply={apply} />;
}

function ProcessInspector({ definition, apply }: { definition: PipelineDefinition; apply: Apply }) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const stages = definition.nodes.filter((n) => n.data.kind === "stage" && n.data.outcome === "open");
  return (
    <div data-testid="inspector-process">
      <div className="flex items-start gap-3 border-b bg-muted/20 px-4 py-4">
        <MousePointerClickIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <p className="text-xs leading-relaxed text-muted-foreground">{t("nothingSelected")}</p>
      </div>
      <Section title={t("process")}>
        <TextPair
          label={t("processName")}
          value={definition.name}
          onChange={(name) => apply((d) => ({ ...d, name }), "process:name")}
        />
        <Choice
          label={t("startStage")}
          value={definition.initialNodeId}
          placeholder={t("chooseStart")}
          options={stages.map((n) => ({ value: n.id, label: localized(n.data.name, locale) }))}
          onChange={(id) => apply((d) => ({ ...d, initialNodeId: id }))}
        />
        <OwnerRuleEditor
          value={definition.assignment}
          allowNone
          onChange={(assignment) =>
            apply((d) => {
              const next = { ...d, assignment };
              if (!assignment) delete next.assignment;
              return next;
            })
          }
        />
        <dl className="grid grid-cols-3 gap-2 pt-1 text-center">
          {(
            [
              ["nodesCount", definition.nodes.length],
              ["edgesCount", definition.edges.length],
              ["fieldsCount", definition.fields.length],
            ] as const
          ).map(([k, v]) => (
            <div key={k} className="rounded-md border bg-card px-2 py-2">
              <dd className="text-lg font-semibold tabular-nums">{v}</dd>
              <dt className="text-[11px] text-muted-foreground">{t(k)}</dt>
            </div>
          ))}
        </dl>
      </Section>
    </div>
  );
}

function KeyField({
  node,
  definition,
  apply,
}: {
  node: PipelineNode;
  definition: PipelineDefinition;
  apply: Apply;
}) {
  const t = useTranslations("editor.inspector");
  const { readOnly } = useEditorContext();
  const id = useId();
  const [draft, setDraft] = useState(node.data.key);
  const problem =
    draft === node.data.key ? null : renameNodeKey(definition, node.id, draft) ? null : t("keyInvalid");
  const commit = () => {
    if (draft === node.data.key) return;
    const next = renameNodeKey(definition, node.id, draft);
    if (next) apply(() => next);
    else setDraft(node.data.key);
  };
  return (
    <Row label={t("key")} htmlFor={id} hint={problem ?? t("keyHint")}>
      <Input
        id={id}
        value={draft}
        disabled={readOnly}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
        aria-invalid={problem ? true : undefined}
        className="h-8 font-mono text-xs"
      />
    </Row>
  );
}

function Header({ kind, title, onDelete }: { kind: string; title: string; onDelete: () => void }) {
  const t = useTranslations("editor.inspector");
  const { readOnly } = useEditorContext();
  return (
    <div className="flex items-center gap-2 border-b px-4 py-3">
      <div className="min-w-0 flex-1">
        <div className="text-[11px] font-medium uppercase tracking-wide text-muted-foreground">{kind}</div>
        <div className="truncate text-sm font-semibold" data-testid="inspector-title">
          {title}
        </div>
      </div>
      {!readOnly ? (
        <Button
          variant="ghost"
          size="icon"
          className="size-8 text-muted-foreground hover:text-destructive"
          aria-label={t("delete")}
          onClick={onDelete}
          data-testid="inspector-delete"
        >
          <Trash2Icon />
        </Button>
      ) : null}
    </div>
  );
}

function NodeInspector({
  node,
  definition,
  apply,
}: {
  node: PipelineNode;
  definition: PipelineDefinition;
  apply: Apply;
}) {
  const t = useTranslations("editor.inspector");
  const tp = useTranslations("editor.palette");
  const locale = useLocale();
  const { readOnly } = useEditorContext();
  const set = (update: (n: PipelineNode) => PipelineNode, tag?: string) =>
    apply((d) => updateNode(d, node.id, update), tag ? `${node.id}:${tag}` : undefined);
  const data = node.data;
  const kindLabel =
    data.kind === "stage"
      ? tp(`${data.outcome === "open" ? "stage" : data.outcome}.name`)
      : tp(`${data.kind}.name`);
  const remove = () => apply((d) => removeElements(d, new Set([node.id]), new Set()));
  return (
    <div data-testid="inspector-node">
      <Header kind={kindLabel} title={localized(data.name, locale)} onDelete={remove} />
      <Section title={t("basics")}>
        <TextPair
          label={t("name")}
          value={data.name}
          testId="node-name"
          onChange={(name) => set((n) => ({ ...n, data: { ...n.data, name } }), "name")}
        />
        <KeyField key={node.data.key} node={node} definition={definition} apply={apply} />
        {data.kind === "stage" ? (
          <div className="grid grid-cols-2 gap-2">
            <Choice
              label={t("outcome")}
              value={data.outcome}
              options={(["open", "won", "lost"] as const).map((o) => ({
                value: o,
                label: t(`outcomes.${o}`),
              }))}
              onChange={(outcome) =>
                set((n) =>
                  n.data.kind === "stage"
                    ? {
                        ...n,
                        data: {
                          ...n.data,
                          outcome,
                          probability: outcome === "won" ? 100 : outcome === "lost" ? 0 : n.data.probability,
                        },
                      }
                    : n,
                )
              }
            />
            <NumberField
              label={t("probability")}
              value={data.probability}
              min={0}
              max={100}
              suffix="%"
              testId="node-probability"
              onChange={(probability) =>
                set(
                  (n) =>
                    n.data.kind === "stage"
                      ? { ...n, data: { ...n.data, probability: Math.max(0, Math.min(100, probability)) } }
                      : n,
                  "probability",
                )
              }
            />
          </div>
        ) : null}
        {data.kind === "stage" && data.outcome === "open" ? (
          definition.initialNodeId === node.id ? (
            <p className="flex items-center gap-1.5 text-xs text-primary">
              <FlagIcon className="size-3.5" />
              {t("isStart")}
            </p>
          ) : (
            <Button
              variant="outline"
              size="sm"
              disabled={readOnly}
              onClick={() => apply((d) => ({ ...d, initialNodeId: node.id }))}
            >
              <FlagIcon />
              {t("makeStart")}
            </Button>
          )
        ) : null}
      </Section>
      {data.kind === "stage" && data.outcome === "open" ? (
        <>
          <Section title={t("entryExit")}>
            <FieldPicker
              label={t("requiredFields")}
              hint={t("requiredFieldsHint")}
              value={data.requiredFields}
              onChange={(requiredFields) =>
                set((n) => (n.data.kind === "stage" ? { ...n, data: { ...n.data, requiredFields } } : n))
              }
            />
            <Row label={t("checklist")}>
              <ChecklistEditor
                value={data.exitChecklist}
                onChange={(exitChecklist) =>
                  set(
                    (n) => (n.data.kind === "stage" ? { ...n, data: { ...n.data, exitChecklist } } : n),
                    "checklist",
                  )
                }
              />
            </Row>
          </Section>
          <Section title={t("ownership")}>
            <OwnerRuleEditor
              value={data.owner}
              onChange={(owner) =>
                set((n) => {
                  if (n.data.kind !== "stage") return n;
                  const next = { ...n.data, owner };
                  if (!owner || owner.kind === "keep") delete next.owner;
                  return { ...n, data: next };
                })
              }
            />
          </Section>
          <TimeLimitSection node={node} definition={definition} set={set} />
          <Section title={t("guidance")}>
            <GuidanceEditor
              value={data.guidance}
              onChange={(guidance) =>
                set((n) => {
                  if (n.data.kind !== "stage") return n;
                  const next = { ...n.data, guidance };
                  if (!guidance) delete next.guidance;
                  return { ...n, data: next };
                }, "guidance")
              }
            />
          </Section>
        </>
      ) : null}
      {data.kind === "approval" ? (
        <Section title={t("approval")}>
          <ApproverEditor
            value={data.approver}
            onChange={(approver) =>
              set((n) => (n.data.kind === "approval" ? { ...n, data: { ...n.data, approver } } : n))
            }
          />
          <label className="flex items-center justify-between gap-2 text-sm">
            {t("notifyApprover")}
            <Switch
              checked={data.notifyApprover}
              disabled={readOnly}
              onCheckedChange={(notifyApprover) =>
                set((n) => (n.data.kind === "approval" ? { ...n, data: { ...n.data, notifyApprover } } : n))
              }
            />
          </label>
        </Section>
      ) : null}
      {data.kind === "decision" ? (
        <Section title={t("decision")}>
          <p className="text-xs leading-relaxed text-muted-foreground">{t("decisionHelp")}</p>
        </Section>
      ) : null}
    </div>
  );
}

function TimeLimitSection({
  node,
  definition,
  set,
}: {
  node: PipelineNode;
  definition: PipelineDefinition;
  set: (update: (n: PipelineNode) => PipelineNode, tag?: string) => void;
}) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const { readOnly } = useEditorContext();
  if (node.data.kind !== "stage") return null;
  const limit = node.data.timeLimit;
  const actions = [
    ...new Map(
      definition.edges.filter((e) => e.source === node.id && e.action).map((e) => [e.action!.key, e.action!]),
    ).values(),
  ];
  const setLimit = (timeLimit: typeof limit, tag?: string) =>
    set((n) => {
      if (n.data.kind !== "stage") return n;
      const next = { ...n.data, timeLimit };
      if (!timeLimit) delete next.timeLimit;
      return { ...n, data: next };
    }, tag);
  const has = (kind: string) => limit?.then.some((c) => c.kind === kind) ?? false;
  const toggle = (kind: "notifyOwner" | "escalateToManager", on: boolean) =>
    limit &&
    setLimit({ ...limit, then: on ? [...limit.then, { kind }] : limit.then.filter((c) => c.kind !== kind) });
  const moveBy = limit?.then.find((c) => c.kind === "moveBy");
  return (
    <Section
      title={t("timeLimit")}
      action={
        <Switch
          checked={!!limit}
          disabled={readOnly}
          aria-label={t("timeLimitToggle")}
          onCheckedChange={(on) => setLimit(on ? { days: 7, then: [{ kind: "notifyOwner" }] } : undefined)}
        />
      }
    >
      {limit ? (
        <>
          <NumberField
            label={t("days")}
            value={limit.days}
            min={1}
            max={3650}
            suffix={t("daysUnit")}
            onChange={(days) => setLimit({ ...limit, days: Math.max(0.5, days) }, "days")}
          />
          <div className="grid gap-2">
            <span className="text-xs font-medium">{t("then")}</span>
            {(["notifyOwner", "escalateToManager"] as const).map((k) => (
              <label key={k} className="flex items-center justify-between gap-2 text-[13px]">
                {t(`consequences.${k}`)}
                <Switch checked={has(k)} disabled={readOnly} onCheckedChange={(on) => toggle(k, on)} />
              </label>
            ))}
            <Choice
              label={t("consequences.moveBy")}
              value={moveBy?.kind === "moveBy" ? moveBy.action : "__none"}
              options={[
                { value: "__none", label: t("noMove") },
                ...actions.map((a) => ({ value: a.key, label: localized(a.name, locale) })),
              ]}
              onChange={(key) =>
                setLimit({
                  ...limit,
                  then: [
                    ...limit.then.filter((c) => c.kind !== "moveBy"),
                    ...(key === "__none" ? [] : [{ kind: "moveBy" as const, action: key }]),
                  ],
                })
              }
            />
          </div>
        </>
      ) : (
        <p className="text-xs text-muted-foreground">{t("noTimeLimit")}</p>
      )}
    </Section>
  );
}

function ApproverEditor({
  value,
  onChange,
}: {
  value: Approver | undefined;
  onChange: (next: Approver | undefined) => void;
}) {
  const t = useTranslations("editor.approver");
  const tr = useTranslations("roles");
  const { directory } = useEditorContext();
  const kind = value?.kind ?? "none";
  return (
    <div className="grid gap-2">
      <Choice
        label={t("label")}
        value={kind}
        options={[
          { value: "none", label: t("none") },
          { value: "teamManager", label: t("teamManager") },
          { value: "role", label: t("role") },
          { value: "user", label: t("user") },
        ]}
        onChange={(k) =>
          onChange(
            k === "none"
              ? undefined
              : k === "teamManager"
                ? { kind: "teamManager" }
                : k === "role"
                  ? { kind: "role", role: "manager" }
                  : { kind: "user", userId: directory.users[0]?.id ?? "" },
          )
        }
      />
      {value?.kind === "role" ? (
        <Choice
          label={t("roleLabel")}
          value={value.role}
          options={(["admin", "manager", "trainer", "rep"] as const).map((r) => ({ value: r, label: tr(r) }))}
          onChange={(role) => onChange({ kind: "role", role })}
        />
      ) : null}
      {value?.kind === "user" ? (
        <Choice
          label={t("userLabel")}
          value={value.userId}
          options={directory.users.map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
          onChange={(userId) => onChange({ kind: "user", userId })}
        />
      ) : null}
    </div>
  );
}

function EdgeInspector({
  edge,
  definition,
  apply,
}: {
  edge: PipelineEdge;
  definition: PipelineDefinition;
  apply: Apply;
}) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const { fields, directory, readOnly } = useEditorContext();
  const source = definition.nodes.find((n) => n.id === edge.source);
  const target = definition.nodes.find((n) => n.id === edge.target);
  const set = (update: (e: PipelineEdge) => PipelineEdge, tag?: string) =>
    apply((d) => updateEdge(d, edge.id, update), tag ? `${edge.id}:${tag}` : undefined);
  const name = (n: PipelineNode | undefined) => (n ? localized(n.data.name, locale) : "?");
  const fromStage = source?.data.kind === "stage";
  const fromDecision = source?.data.kind === "decision";
  const fromApproval = source?.data.kind === "approval";
  const title = edge.action ? localized(edge.action.name, locale) : `${name(source)} → ${name(target)}`;
  const remove = () => apply((d) => removeElements(d, new Set(), new Set([edge.id])));
  const withCondition = (condition: PipelineEdge["condition"]) =>
    set((e) => {
      const next = { ...e, condition };
      if (!condition) delete next.condition;
      if (condition && next.branch === "default") delete next.branch;
      return next;
    });
  return (
    <div data-testid="inspector-edge">
      <Header kind={fromStage ? t("action") : t("branch")} title={title} onDelete={remove} />
      <div className="border-b px-4 py-2 text-xs text-muted-foreground">
        {name(source)} <span aria-hidden>→</span> {name(target)}
      </div>
      {fromStage ? (
        <Section title={t("action")}>
          <TextPair
            label={t("actionName")}
            value={edge.action?.name ?? { zh: "", en: "" }}
            testId="action-name"
            onChange={(n) =>
              set((e) => ({ ...e, action: { key: e.action?.key ?? "action", name: n } }), "action.name")
            }
          />
          <Row label={t("actionKey")} hint={t("actionKeyHint")}>
            <Input
              value={edge.action?.key ?? ""}
              disabled={readOnly}
              aria-label={t("actionKey")}
              onChange={(ev) =>
                set(
                  (e) => ({
                    ...e,
                    action: { name: e.action?.name ?? { zh: "", en: "" }, key: ev.target.value },
                  }),
                  "action.key",
                )
              }
              className="h-8 font-mono text-xs"
            />
          </Row>
          <FieldPicker
            label={t("actionRequired")}
            hint={t("actionRequiredHint")}
            value={edge.requiredFields ?? []}
            onChange={(requiredFields) =>
              set((e) => {
                const { requiredFields: _old, ...rest } = e;
                return requiredFields.length ? { ...rest, requiredFields } : rest;
              })
            }
          />
        </Section>
      ) : null}
      {fromApproval ? (
        <Section title={t("branch")}>
          <Choice
            label={t("branchKind")}
            value={edge.branch ?? "approve"}
            options={[
              { value: "approve", label: t("branches.approve") },
              { value: "reject", label: t("branches.reject") },
            ]}
            onChange={(branch) => set((e) => ({ ...e, branch }))}
          />
        </Section>
      ) : null}
      {!fromApproval ? (
        <Section
          title={fromDecision ? t("branchCondition") : t("condition")}
          action={
            fromDecision ? (
              <label className="flex items-center gap-2 text-xs">
                {t("defaultBranch")}
                <Switch
                  checked={edge.branch === "default"}
                  disabled={readOnly}
                  onCheckedChange={(on) =>
                    set((e) => {
                      const next = { ...e };
                      if (on) {
                        next.branch = "default";
                        delete next.condition;
                      } else delete next.branch;
                      return next;
                    })
                  }
                />
              </label>
            ) : undefined
          }
        >
          <p className="text-[11px] leading-snug text-muted-foreground">
            {fromDecision ? t("branchConditionHint") : t("conditionHint")}
          </p>
          {edge.branch === "default" ? null : (
            <div data-testid="edge-condition">
              <ConditionEditor
                value={edge.condition}
                onChange={withCondition}
                fields={fields}
                rules={definition.rules}
                directory={directory}
                readOnly={readOnly}
                label={t("conditionOf", { name: title })}
              />
            </div>
          )}
        </Section>
      ) : null}
      <EffectsSection edge={edge} definition={definition} set={set} />
    </div>
  );
}

function EffectsSection({
  edge,
  definition,
  set,
}: {
  edge: PipelineEdge;
  definition: PipelineDefinition;
  set: (update: (e: PipelineEdge) => PipelineEdge, tag?: string) => void;
}) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const { fields, directory, readOnly } = useEditorContext();
  const setEffects = (effects: Effect[], tag?: string) => set((e) => ({ ...e, effects }), tag);
  const update = (i: number, effect: Effect, tag?: string) =>
    setEffects(
      edge.effects.map((x, j) => (j === i ? effect : x)),
      tag ? `effect${i}:${tag}` : undefined,
    );
  const firstField = fields[0]?.key ?? "field";
  return (
    <Section title={t("effects")}>
      {edge.effects.length === 0 ? <p className="text-xs text-muted-foreground">{t("noEffects")}</p> : null}
      {edge.effects.map((effect, i) => (
        <div key={i} className="grid gap-2 rounded-md border bg-muted/20 p-2.5" data-testid="effect">
          <div className="flex items-center gap-2">
            <span className="flex-1 text-xs font-medium">{t(`effectKinds.${effect.kind}`)}</span>
            <Button
              variant="ghost"
              size="icon"
              className="size-6"
              aria-label={t("removeEffect")}
              disabled={readOnly}
              onClick={() => setEffects(edge.effects.filter((_, j) => j !== i))}
            >
              <Trash2Icon className="!size-3.5" />
            </Button>
          </div>
          {effect.kind === "setField" ? (
            <>
              <Choice
                label={t("field")}
                value={effect.field}
                options={fields.map((f) => ({ value: f.key, label: localized(f.name, locale) }))}
                onChange={(field) => update(i, { ...effect, field, value: null })}
              />
              <SetFieldValue
                type={fields.find((f) => f.key === effect.field)?.type}
                options={fields.find((f) => f.key === effect.field)?.options}
                value={effect.value}
                onChange={(value) => update(i, { ...effect, value }, "value")}
              />
            </>
          ) : null}
          {effect.kind === "assignOwner" ? (
            <OwnerRuleEditor
              value={effect.rule}
              onChange={(rule) => update(i, { kind: "assignOwner", rule: rule ?? { kind: "keep" } })}
            />
          ) : null}
          {effect.kind === "notify" ? (
            <>
              <Choice
                label={t("notifyWho")}
                value={effect.to}
                options={[
                  { value: "owner", label: t("notifyTo.owner") },
                  { value: "teamManager", label: t("notifyTo.teamManager") },
                ]}
                onChange={(to) => update(i, { ...effect, to })}
              />
              <Row label={t("notifyWhen")}>
                <ConditionEditor
                  value={effect.when}
                  onChange={(when) => update(i, { kind: "notify", to: effect.to, ...(when && { when }) })}
                  fields={fields}
                  rules={definition.rules}
                  directory={directory}
                  readOnly={readOnly}
                  label={t("notifyWhen")}
                />
              </Row>
            </>
          ) : null}
        </div>
      ))}
      {!readOnly ? (
        <div className="flex flex-wrap gap-1.5">
          {(
            [
              ["setField", { kind: "setField", field: firstField, value: null }],
              ["assignOwner", { kind: "assignOwner", rule: { kind: "teamManager" } }],
              ["notify", { kind: "notify", to: "owner" }],
            ] as const
          ).map(([k, effect]) => (
            <Button
              key={k}
              variant="outline"
              size="sm"
              onClick={() => setEffects([...edge.effects, effect as Effect])}
            >
              <PlusIcon />
              {t(`effectKinds.${k}`)}
            </Button>
          ))}
        </div>
      ) : null}
    </Section>
  );
}

function SetFieldValue({
  type,
  options,
  value,
  onChange,
}: {
  type: string | undefined;
  options: { value: string; label: { zh: string; en: string } }[] | undefined;
  value: string | number | boolean | null;
  onChange: (next: string | number | boolean | null) => void;
}) {
  const t = useTranslations("editor.inspector");
  const locale = useLocale();
  const { readOnly } = useEditorContext();
  if (type === "boolean")
    return (
      <Choice
        label={t("value")}
        value={value === null ? "__clear" : String(value)}
        options={[
          { value: "__clear", label: t("clearValue") },
          { value: "true", label: t("yes") },
          { value: "false", label: t("no") },
        ]}
        onChange={(v) => onChange(v === "__clear" ? null : v === "true")}
      />
    );
  if (type === "select" && options)
    return (
      <Choice
        label={t("value")}
        value={value === null ? "__clear" : String(value)}
        options={[
          { value: "__clear", label: t("clearValue") },
          ...options.map((o) => ({ value: o.value, label: localized(o.label, locale) })),
        ]}
        onChange={(v) => onChange(v === "__clear" ? null : v)}
      />
    );
  const numeric = type === "number" || type === "currency";
  return (
    <Row label={t("value")} hint={t("emptyClears")}>
      <Input
        value={value === null ? "" : String(value)}
        type={numeric ? "number" : type === "date" ? "date" : "text"}
        disabled={readOnly}
        aria-label={t("value")}
        onChange={(e) =>
          onChange(e.target.value === "" ? null : numeric ? Number(e.target.value) : e.target.value)
        }
        className="h-8 text-[13px]"
      />
    </Row>
  );
}
