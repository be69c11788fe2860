"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDownIcon, ClockAlertIcon, SearchIcon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { hasFilters, PRIORITIES, type DealFilters } from "./deal-filters";

const ANY = "any";

/** The stages of every pipeline, once per key, in the pipelines' order. */
function useStageOptions() {
  const trpc = useTRPC();
  const pipelines = useQuery(trpc.pipelines.list.queryOptions());
  const seen = new Map<string, { zh: string; en: string }>();
  for (const p of pipelines.data ?? [])
    for (const s of p.stages) if (!seen.has(s.key)) seen.set(s.key, s.name);
  return [...seen].map(([key, name]) => ({ key, name }));
}

/** A button that opens a list of options to tick, showing how many are ticked. */
function MultiFilter({
  label,
  countLabel,
  options,
  selected,
  onChange,
  testId,
}: {
  label: string;
  countLabel: string;
  options: { value: string; label: ReactNode }[];
  selected: string[];
  onChange: (next: string[]) => void;
  testId: string;
}) {
  const active = selected.length > 0;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          className={cn("justify-between", active && "border-primary/50 bg-primary/5 text-primary")}
          data-testid={testId}
        >
          {active ? countLabel : label}
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
              {o.label}
            </DropdownMenuCheckItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** Search, stage, owner, priority and overdue: each change goes to the URL, the list follows. */
export function DealFilterBar({
  filters,
  search,
  onSearch,
  onChange,
  role,
}: {
  filters: DealFilters;
  search: string;
  onSearch: (q: string) => void;
  onChange: (next: Partial<DealFilters>) => void;
  role: Role;
}) {
  const t = useTranslations("deals");
  const locale = useLocale();
  const trpc = useTRPC();
  const stages = useStageOptions();
  const canListPeople = role === "admin" || role === "manager";
  const people = useQuery({ ...trpc.users.list.queryOptions(), enabled: canListPeople });
  const members = (people.data ?? []).filter((u) => u.active);
  return (
    <div className="flex flex-wrap items-center gap-2 border-b p-3" data-testid="deal-filters">
      <div className="relative w-full sm:w-64">
        <SearchIcon className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" />
        <Input
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className="pl-8"
          maxLength={100}
        />
      </div>
      <MultiFilter
        label={t("filters.stage")}
        countLabel={
          filters.stages.length === 1
            ? t("filters.stageOne", {
                name: (() => {
                  const s = stages.find((o) => o.key === filters.stages[0]);
                  return s ? localized(s.name, locale) : filters.stages[0]!;
                })(),
              })
            : t("filters.stageCount", { count: filters.stages.length })
        }
        options={stages.map((s) => ({ value: s.key, label: localized(s.name, locale) }))}
        selected={filters.stages}
        onChange={(next) => onChange({ stages: next })}
        testId="filter-stage"
      />
      <Select value={filters.owner || ANY} onValueChange={(v) => onChange({ owner: v === ANY ? "" : v })}>
        <SelectTrigger
          aria-label={t("filters.owner")}
          data-testid="filter-owner"
          className={cn(
            "h-9 w-auto min-w-32",
            filters.owner && "border-primary/50 bg-primary/5 text-primary",
          )}
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY}>{t("filters.ownerAnyone")}</SelectItem>
          <SelectItem value="me">{t("filters.ownerMine")}</SelectItem>
          {members.map((u) => (
            <SelectItem key={u.id} value={u.id}>
              {u.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <MultiFilter
        label={t("filters.priority")}
        countLabel={t("filters.priorityCount", {
          list: PRIORITIES.filter((p) => filters.priorities.includes(p)).join(", "),
        })}
        options={PRIORITIES.map((p) => ({ value: p, label: p }))}
        selected={filters.priorities}
        onChange={(next) => onChange({ priorities: next as DealFilters["priorities"] })}
        testId="filter-priority"
      />
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
      {hasFilters(filters) ? (
        <Button
          variant="ghost"
          className="text-muted-foreground"
          onClick={() => {
            onSearch("");
            onChange({ q: "", stages: [], owner: "", priorities: [], overdue: false });
          }}
        >
          <XIcon />
          {t("filters.clear")}
        </Button>
      ) : null}
    </div>
  );
}
