"use client";

import { ChevronDownIcon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { PERIOD_PRESETS } from "@/lib/analytics/period";
import { localized, localName } from "@/lib/i18n/localized";
import type { AppRouter } from "@/lib/server/api/root";
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
import { PRIORITIES } from "@/lib/validation/analytics";
import type { inferRouterOutputs } from "@trpc/server";
import { Help } from "./help";
import { DEFAULT_FILTERS, type Filters } from "./url-state";

type Options = inferRouterOutputs<AppRouter>["analytics"]["options"];

const activeClass = "border-primary/50 bg-primary/5 text-primary";
const ALL = "__all";

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
  const t = useTranslations("analytics");
  const one = selected.length === 1 ? options.find((o) => o.value === selected[0]) : undefined;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          className={cn("justify-between", selected.length > 0 && activeClass)}
          data-testid={testId}
        >
          {one
            ? t("filters.oneOf", { label, value: one.text })
            : selected.length
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

/** The dashboard's filters: period, who is counted, pipeline and version, and the deals' attributes. */
export function FilterBar({
  filters,
  options,
  onChange,
  showMode = true,
}: {
  filters: Filters;
  options: Options | undefined;
  onChange: (next: Filters) => void;
  /** Whether "which deals" (cohort or in play) applies: not on the Adoption tab. */
  showMode?: boolean;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [custom, setCustom] = useState(filters.period === "custom");
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const option = (o: { value: string; label: { zh: string; en: string } }) => ({
    value: o.value,
    text: localized(o.label, locale),
  });
  const cleared =
    JSON.stringify({ ...filters, period: "", from: "", to: "", mode: "", pipelineId: "" }) ===
    JSON.stringify({ ...DEFAULT_FILTERS, period: "", from: "", to: "", mode: "", pipelineId: "" });

  return (
    <div
      className="flex flex-wrap items-center gap-2 print:hidden"
      role="group"
      aria-label={t("filters.label")}
    >
      <Select
        value={custom ? "custom" : filters.period}
        onValueChange={(v) => {
          if (v === "custom") return setCustom(true);
          setCustom(false);
          set({ period: v as Filters["period"], from: "", to: "" });
        }}
      >
        <SelectTrigger
          aria-label={t("filters.period")}
          className="h-9 w-auto min-w-32"
          data-testid="filter-period"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {[...PERIOD_PRESETS, "custom" as const].map((p) => (
            <SelectItem key={p} value={p}>
              {t(`filters.periods.${p}`)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {custom ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (from && to && from <= to) set({ period: "custom", from, to });
          }}
        >
          <Input
            type="date"
            aria-label={t("filters.from")}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            className="h-9 w-40"
          />
          <Input
            type="date"
            aria-label={t("filters.to")}
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.target.value)}
            className="h-9 w-40"
          />
          <Button type="submit" variant="secondary" disabled={!from || !to || from > to}>
            {t("filters.apply")}
          </Button>
        </form>
      ) : null}
      <div className={cn("flex items-center gap-1", !showMode && "hidden")}>
        <Select value={filters.mode} onValueChange={(v) => set({ mode: v as Filters["mode"] })}>
          <SelectTrigger
            aria-label={t("filters.mode")}
            className="h-9 w-auto min-w-40"
            data-testid="filter-mode"
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="cohort">{t("filters.modes.cohort")}</SelectItem>
            <SelectItem value="active">{t("filters.modes.active")}</SelectItem>
          </SelectContent>
        </Select>
        <Help term="mode" label={t("filters.mode")} />
      </div>
      {options && options.pipelines.length > 1 ? (
        <Select
          value={filters.pipelineId || options.pipelineId}
          onValueChange={(v) => set({ pipelineId: v, versionId: "" })}
        >
          <SelectTrigger
            aria-label={t("filters.pipeline")}
            className="h-9 w-auto min-w-32"
            data-testid="filter-pipeline"
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {options.pipelines.map((p) => (
              <SelectItem key={p.id} value={p.id}>
                {localized(p.name, locale)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      ) : null}
      {options && options.versions.length > 1 ? (
        <Select
          value={filters.versionId || ALL}
          onValueChange={(v) => set({ versionId: v === ALL ? "" : v })}
        >
          <SelectTrigger
            aria-label={t("filters.version")}
            className={cn("h-9 w-auto min-w-28", filters.versionId && activeClass)}
            data-testid="filter-version"
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("filters.allVersions")}</SelectItem>
            {options.versions.map((v) => (
              <SelectItem key={v.id} value={v.id}>
                {v.status === "pilot"
                  ? t("filters.versionPilot", { number: v.number })
                  : t("filters.versionName", { number: v.number })}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      ) : null}
      {options && options.teams.length > 0 ? (
        <MultiFilter
          label={t("filters.team")}
          testId="filter-team"
          options={options.teams.map((x) => ({ value: x.id, text: localName(x, locale) }))}
          selected={filters.teamIds}
          onChange={(teamIds) => set({ teamIds })}
        />
      ) : null}
      {options && options.people.length > 1 ? (
        <MultiFilter
          label={t("filters.rep")}
          testId="filter-rep"
          options={options.people.map((p) => ({ value: p.id, text: p.name }))}
          selected={filters.ownerIds}
          onChange={(ownerIds) => set({ ownerIds })}
        />
      ) : null}
      {options?.industry.length ? (
        <MultiFilter
          label={t("filters.industry")}
          testId="filter-industry"
          options={options.industry.map(option)}
          selected={filters.industry}
          onChange={(industry) => set({ industry })}
        />
      ) : null}
      {options?.region.length ? (
        <MultiFilter
          label={t("filters.region")}
          testId="filter-region"
          options={options.region.map(option)}
          selected={filters.region}
          onChange={(region) => set({ region })}
        />
      ) : null}
      {options?.source.length ? (
        <MultiFilter
          label={t("filters.source")}
          testId="filter-source"
          options={options.source.map(option)}
          selected={filters.source}
          onChange={(source) => set({ source })}
        />
      ) : null}
      <MultiFilter
        label={t("filters.priority")}
        testId="filter-priority"
        options={PRIORITIES.map((p) => ({ value: p, text: p }))}
        selected={filters.priorities}
        onChange={(priorities) => set({ priorities: priorities as Filters["priorities"] })}
      />
      {!cleared ? (
        <Button
          variant="ghost"
          onClick={() =>
            onChange({
              ...DEFAULT_FILTERS,
              period: filters.period,
              from: filters.from,
              to: filters.to,
              mode: filters.mode,
              pipelineId: filters.pipelineId,
            })
          }
        >
          <XIcon />
          {t("filters.clear")}
        </Button>
      ) : null}
    </div>
  );
}
