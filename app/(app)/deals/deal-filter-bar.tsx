"use client";

import { useQuery } from "@tanstack/react-query";
import {
  ChevronDownIcon,
  ClockAlertIcon,
  FilterIcon,
  SearchIcon,
  SlidersHorizontalIcon,
  XIcon,
} from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localized, localName } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { Input } from "@/lib/ui/input";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import {
  EMPTY_FILTERS,
  hasFilters,
  OPTION_FILTERS,
  PRIORITIES,
  type DealFilters,
  type OptionFilter,
} from "./deal-filters";
import type { OptionLabels } from "./deals-grid";

const ANY = "any";
type Name = { zh: string; en: string };

/** Pipelines with their stages, members, teams and field options: what the filters offer. */
export function useFilterOptions(role: Role) {
  const trpc = useTRPC();
  const pipelines = useQuery(trpc.pipelines.list.queryOptions());
  const forms = useQuery(trpc.pipelines.newDealForms.queryOptions());
  const teams = useQuery(trpc.teams.list.queryOptions());
  const canListPeople = role === "admin" || role === "manager";
  const people = useQuery({ ...trpc.users.list.queryOptions(), enabled: canListPeople });
  const options: OptionLabels = new Map();
  for (const form of forms.data ?? [])
    for (const field of form.fields)
      if ((OPTION_FILTERS as readonly string[]).includes(field.key))
        for (const o of field.options ?? []) {
          const byValue = options.get(field.key) ?? new Map<string, Name>();
          if (!byValue.has(o.value)) byValue.set(o.value, o.label);
          options.set(field.key, byValue);
        }
  return {
    pipelines: (pipelines.data ?? []).map((p) => ({
      id: p.id,
      name: p.name as Name,
      stages: p.stages,
      versions: p.versions,
    })),
    teams: teams.data ?? [],
    members: (people.data ?? []).filter((u) => u.active),
    canListPeople,
    options,
  };
}
export type FilterOptions = ReturnType<typeof useFilterOptions>;

/** The versions deals can run on, of the chosen pipeline or of all ("试点 v3" / "v2", with the pipeline's name when there are several). */
function useVersionOptions(o: FilterOptions, pipeline: string) {
  const t = useTranslations("versions");
  const locale = useLocale();
  const several = o.pipelines.length > 1 && !pipeline;
  return o.pipelines
    .filter((p) => !pipeline || p.id === pipeline)
    .flatMap((p) =>
      p.versions.map((v) => {
        const version =
          v.status === "pilot"
            ? t("badge.pilot", { number: v.number })
            : t("badge.plain", { number: v.number });
        return {
          value: v.id,
          text: several ? t("filter.option", { pipeline: localized(p.name, locale), version }) : version,
        };
      }),
    );
}

/** The stages of the chosen pipeline, or of every pipeline once per key. */
function stageOptions(o: FilterOptions, pipeline: string) {
  const seen = new Map<string, Name>();
  for (const p of o.pipelines)
    if (!pipeline || p.id === pipeline)
      for (const s of p.stages) if (!seen.has(s.key)) seen.set(s.key, s.name);
  return [...seen].map(([key, name]) => ({ key, name }));
}

const activeClass = "border-primary/50 bg-primary/5 text-primary hover:bg-primary/10 hover:text-primary";

/** A button that opens a list of options to tick, showing how many are ticked. */
function MultiFilter({
  label,
  options,
  selected,
  onChange,
  testId,
}: {
  label: string;
  options: { value: string; text: string }[];
  selected: string[];
  onChange: (next: string[]) => void;
  testId: string;
}) {
  const t = useTranslations("deals");
  const active = selected.length > 0;
  const one = selected.length === 1 ? options.find((o) => o.value === selected[0]) : undefined;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          className={cn("justify-between", active && activeClass)}
          data-testid={testId}
        >
          {one
            ? t("filters.oneOf", { label, value: one.text })
            : active
              ? t("filters.manyOf", { label, count: selected.length })
              : label}
          <ChevronDownIcon className="opacity-50" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="max-h-80 overflow-y-auto">
        {options.map((o) => {
          const checked = selected.includes(o.value);
          return (
            <DropdownMenuCheckItem
              key={o.value}
              checked={checked}
              role="menuitemcheckbox"
              aria-checked={checked}
              onSelect={(e) => {
                e.preventDefault();
                onChange(checked ? selected.filter((v) => v !== o.value) : [...selected, o.value]);
              }}
            >
              {o.text}
            </DropdownMenuCheckItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function SingleFilter({
  label,
  anyLabel,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  anyLabel: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
  testId: string;
}) {
  return (
    <Select value={value || ANY} onValueChange={(v) => onChange(v === ANY ? "" : v)}>
      <SelectTrigger
        aria-label={label}
        data-testid={testId}
        className={cn("h-9 w-auto min-w-28", value && activeClass)}
      >
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ANY}>{anyLabel}</SelectItem>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

const RANGES = [
  ["amountMin", "amountMax"],
  ["closeFrom", "closeTo"],
  ["createdFrom", "createdTo"],
  ["updatedFrom", "updatedTo"],
] as const;

/** Amount and date ranges, edited together and applied at once. */
function RangeDialog({
  open,
  onOpenChange,
  filters,
  onApply,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  filters: DealFilters;
  onApply: (patch: Partial<DealFilters>) => void;
}) {
  const t = useTranslations("deals");
  const tc = useTranslations("common");
  const [draft, setDraft] = useState(filters);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof DealFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const apply = () => {
    const min = draft.amountMin.trim();
    const max = draft.amountMax.trim();
    const amount = /^\d{1,14}(\.\d{1,2})?$/;
    if ((min && !amount.test(min)) || (max && !amount.test(max))) return setError(t("filters.amountInvalid"));
    if (min && max && Number(min) > Number(max)) return setError(t("filters.amountOrder"));
    for (const [from, to] of RANGES.slice(1))
      if (draft[from] && draft[to] && draft[from] > draft[to]) return setError(t("filters.dateOrder"));
    setError(null);
    onApply(Object.fromEntries(RANGES.flat().map((k) => [k, draft[k].trim()])));
    onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) setDraft(filters);
        setError(null);
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={tc("close")} className="sm:max-w-lg" data-testid="range-dialog">
        <DialogHeader>
          <DialogTitle>{t("filters.more")}</DialogTitle>
          <DialogDescription>{t("filters.moreHint")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          {RANGES.map(([from, to]) => (
            <fieldset key={from} className="grid gap-1.5">
              <legend className="mb-1.5 text-sm font-medium">{t(`filters.range.${from}`)}</legend>
              <div className="flex items-center gap-2">
                <Label htmlFor={`range-${from}`} className="sr-only">
                  {t("filters.from")}
                </Label>
                <Input
                  id={`range-${from}`}
                  type={from === "amountMin" ? "number" : "date"}
                  inputMode={from === "amountMin" ? "decimal" : undefined}
                  min={0}
                  placeholder={t("filters.from")}
                  value={draft[from]}
                  onChange={(e) => set(from, e.target.value)}
                  data-testid={`range-${from}`}
                />
                <span className="text-muted-foreground">–</span>
                <Label htmlFor={`range-${to}`} className="sr-only">
                  {t("filters.to")}
                </Label>
                <Input
                  id={`range-${to}`}
                  type={to === "amountMax" ? "number" : "date"}
                  inputMode={to === "amountMax" ? "decimal" : undefined}
                  min={0}
                  placeholder={t("filters.to")}
                  value={draft[to]}
                  onChange={(e) => set(to, e.target.value)}
                  data-testid={`range-${to}`}
                />
              </div>
            </fieldset>
          ))}
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button
              type="button"
              variant="ghost"
              onClick={() => setDraft({ ...draft, ...Object.fromEntries(RANGES.flat().map((k) => [k, ""])) })}
            >
              {t("filters.reset")}
            </Button>
            <Button type="submit" data-testid="range-apply">
              {t("filters.apply")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Every filter: each change goes to the URL, the list, its count and the export follow. */
export function DealFilterBar({
  filters,
  search,
  onSearch,
  onChange,
  options: o,
}: {
  filters: DealFilters;
  search: string;
  onSearch: (q: string) => void;
  onChange: (next: Partial<DealFilters>) => void;
  options: FilterOptions;
}) {
  const t = useTranslations("deals");
  const locale = useLocale();
  const [rangesOpen, setRangesOpen] = useState(false);
  // On a phone the filters fold under one button, so the deals start near the top.
  const [unfolded, setUnfolded] = useState(false);
  const stages = stageOptions(o, filters.pipeline);
  const tv = useTranslations("versions");
  const versionOptions = useVersionOptions(o, filters.pipeline);
  const rangeCount = RANGES.filter(([a, b]) => filters[a] || filters[b]).length;
  const optionList = (key: OptionFilter) =>
    [...(o.options.get(key) ?? new Map<string, Name>())].map(([value, label]) => ({
      value,
      text: localized(label, locale),
    }));
  return (
    <div className="flex flex-wrap items-center gap-2 border-b p-3" data-testid="deal-filters">
      <div className="relative min-w-0 flex-1 sm:w-60 sm:flex-none">
        <SearchIcon className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" />
        <Input
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className="pl-8"
          maxLength={100}
          type="search"
          data-testid="deal-search"
        />
      </div>
      <Button
        variant="outline"
        className={cn("sm:hidden", unfolded && "bg-muted")}
        aria-expanded={unfolded}
        onClick={() => setUnfolded((u) => !u)}
        data-testid="filters-toggle"
      >
        <FilterIcon />
        {t("filters.label")}
      </Button>
      <div className={cn(unfolded ? "contents" : "hidden", "sm:contents")}>
        {o.pipelines.length > 1 ? (
          <SingleFilter
            label={t("filters.pipeline")}
            anyLabel={t("filters.pipelineAny")}
            value={filters.pipeline}
            options={o.pipelines.map((p) => ({ value: p.id, label: localized(p.name, locale) }))}
            onChange={(v) => {
              // Stages belong to a pipeline: keep only those the new one has.
              const keep = new Set(stageOptions(o, v).map((s) => s.key));
              const versions = new Set(
                o.pipelines.filter((p) => !v || p.id === v).flatMap((p) => p.versions.map((x) => x.id)),
              );
              onChange({
                pipeline: v,
                stages: filters.stages.filter((s) => keep.has(s)),
                versions: filters.versions.filter((x) => versions.has(x)),
              });
            }}
            testId="filter-pipeline"
          />
        ) : null}
        <MultiFilter
          label={t("filters.stage")}
          options={stages.map((s) => ({ value: s.key, text: localized(s.name, locale) }))}
          selected={filters.stages}
          onChange={(next) => onChange({ stages: next })}
          testId="filter-stage"
        />
        {versionOptions.length > 1 ? (
          <MultiFilter
            label={tv("filter.label")}
            options={versionOptions}
            selected={filters.versions}
            onChange={(next) => onChange({ versions: next })}
            testId="filter-version"
          />
        ) : null}
        <SingleFilter
          label={t("filters.owner")}
          anyLabel={t("filters.ownerAnyone")}
          value={filters.owner}
          options={[
            { value: "me", label: t("filters.ownerMine") },
            ...o.members.map((u) => ({ value: u.id, label: u.name })),
          ]}
          onChange={(v) => onChange({ owner: v })}
          testId="filter-owner"
        />
        {o.teams.length ? (
          <SingleFilter
            label={t("filters.team")}
            anyLabel={t("filters.teamAny")}
            value={filters.team}
            options={o.teams.map((team) => ({ value: team.id, label: localName(team, locale) }))}
            onChange={(v) => onChange({ team: v })}
            testId="filter-team"
          />
        ) : null}
        {OPTION_FILTERS.map((key) => (
          <MultiFilter
            key={key}
            label={t(`col.${key}`)}
            options={optionList(key)}
            selected={filters[key]}
            onChange={(next) => onChange({ [key]: next })}
            testId={`filter-${key}`}
          />
        ))}
        <MultiFilter
          label={t("filters.priority")}
          options={PRIORITIES.map((p) => ({ value: p, text: p }))}
          selected={filters.priorities}
          onChange={(next) => onChange({ priorities: next as DealFilters["priorities"] })}
          testId="filter-priority"
        />
        <Button
          variant="outline"
          className={cn(rangeCount && activeClass)}
          onClick={() => setRangesOpen(true)}
          data-testid="filter-ranges"
        >
          <SlidersHorizontalIcon />
          {t("filters.more")}
          {rangeCount ? (
            <span className="rounded bg-primary px-1.5 text-[11px] leading-4 text-primary-foreground">
              {rangeCount}
            </span>
          ) : null}
        </Button>
        <Button
          variant="outline"
          aria-pressed={filters.overdue}
          data-testid="filter-overdue"
          className={cn(
            filters.overdue &&
              "border-destructive/40 bg-destructive/8 text-destructive hover:bg-destructive/12 hover:text-destructive",
          )}
          onClick={() => onChange({ overdue: !filters.overdue })}
        >
          <ClockAlertIcon />
          {t("filters.overdue")}
        </Button>
      </div>
      <RangeDialog open={rangesOpen} onOpenChange={setRangesOpen} filters={filters} onApply={onChange} />
    </div>
  );
}

/** The active filters as chips, each removable, and a way to clear them all. */
export function FilterChips({
  filters,
  onChange,
  onClear,
  options: o,
}: {
  filters: DealFilters;
  onChange: (next: Partial<DealFilters>) => void;
  onClear: () => void;
  options: FilterOptions;
}) {
  const t = useTranslations("deals");
  const locale = useLocale();
  const format = useFormatter();
  const tv = useTranslations("versions");
  const versionOptions = useVersionOptions(o, "");
  if (!hasFilters(filters)) return null;
  const chips: { key: string; label: string; clear: Partial<DealFilters> }[] = [];
  const name = (n: Name | undefined, fallback: string) => (n ? localized(n, locale) : fallback);
  if (filters.q.trim())
    chips.push({ key: "q", label: t("chips.search", { q: filters.q.trim() }), clear: { q: "" } });
  if (filters.pipeline) {
    const p = o.pipelines.find((x) => x.id === filters.pipeline);
    chips.push({ key: "pipeline", label: name(p?.name, "…"), clear: { pipeline: "" } });
  }
  const stageNames = stageOptions(o, "");
  for (const s of filters.stages)
    chips.push({
      key: `stage-${s}`,
      label: `${t("filters.stage")}: ${name(stageNames.find((x) => x.key === s)?.name, s)}`,
      clear: { stages: filters.stages.filter((x) => x !== s) },
    });
  if (filters.owner) {
    const who =
      filters.owner === "me"
        ? t("filters.ownerMine")
        : `${t("filters.owner")}: ${o.members.find((m) => m.id === filters.owner)?.name ?? "…"}`;
    chips.push({ key: "owner", label: who, clear: { owner: "" } });
  }
  if (filters.team) {
    const team = o.teams.find((x) => x.id === filters.team);
    chips.push({
      key: "team",
      label: `${t("filters.team")}: ${team ? localName(team, locale) : "…"}`,
      clear: { team: "" },
    });
  }
  for (const key of OPTION_FILTERS)
    for (const v of filters[key])
      chips.push({
        key: `${key}-${v}`,
        label: `${t(`col.${key}`)}: ${name(o.options.get(key)?.get(v), v)}`,
        clear: { [key]: filters[key].filter((x) => x !== v) },
      });
  if (filters.priorities.length)
    chips.push({
      key: "priority",
      label: `${t("filters.priority")}: ${filters.priorities.join(", ")}`,
      clear: { priorities: [] },
    });
  const money = (v: string) => format.number(Number(v), { maximumFractionDigits: 0 });
  const day = (v: string) => format.dateTime(new Date(`${v}T00:00:00`), { dateStyle: "medium" });
  for (const [from, to] of RANGES) {
    const a = filters[from];
    const b = filters[to];
    if (!a && !b) continue;
    const show = from === "amountMin" ? money : day;
    const value = a && b ? `${show(a)} – ${show(b)}` : a ? `≥ ${show(a)}` : `≤ ${show(b)}`;
    chips.push({
      key: from,
      label: `${t(`filters.range.${from}`)}: ${value}`,
      clear: { [from]: "", [to]: "" },
    });
  }
  if (filters.overdue) chips.push({ key: "overdue", label: t("filters.overdue"), clear: { overdue: false } });
  if (filters.versions.length) {
    const names = new Map(versionOptions.map((v) => [v.value, v.text]));
    chips.push({
      key: "versions",
      label: tv("filter.chip", {
        versions: filters.versions.map((id) => names.get(id) ?? "…").join(tv("listJoin")),
      }),
      clear: { versions: [] },
    });
  }
  return (
    <div
      className="flex flex-wrap items-center gap-1.5 border-b bg-muted/30 px-3 py-2"
      data-testid="filter-chips"
    >
      {chips.map((c) => (
        <span
          key={c.key}
          className="inline-flex items-center gap-1 rounded-full border bg-background py-0.5 pr-1 pl-2.5 text-xs"
          data-testid="filter-chip"
        >
          {c.label}
          <button
            type="button"
            className="rounded-full p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
            aria-label={t("chips.remove", { filter: c.label })}
            onClick={() => onChange(c.clear)}
          >
            <XIcon className="size-3" />
          </button>
        </span>
      ))}
      <Button
        variant="ghost"
        size="sm"
        className="h-7 text-muted-foreground"
        onClick={onClear}
        data-testid="clear-filters"
      >
        {t("filters.clear")}
      </Button>
    </div>
  );
}

export { EMPTY_FILTERS };
