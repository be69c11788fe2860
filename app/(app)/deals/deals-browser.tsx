"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card } from "@/lib/ui/card";
import { ColumnChooser } from "./column-chooser";
import { DealFilterBar, FilterChips, useFilterOptions } from "./deal-filter-bar";
import {
  DEFAULT_SORT,
  EMPTY_FILTERS,
  filtersFromInput,
  hasFilters,
  listInput,
  parseState,
  sameFilters,
  stateQuery,
  type DealFilters,
  type ListState,
  type Sort,
} from "./deal-filters";
import { BUILTIN_VIEWS, cleanColumns, COLUMNS_STORAGE_KEY, type ColumnId } from "./deal-views";
import { DealsGrid } from "./deals-grid";
import { ExportCsvButton } from "./export-csv";
import { ExportMenu } from "./export-menu";
import { ViewsBar } from "./views-bar";

/** The default view's columns, kept in this browser. */
function useStoredColumns() {
  const raw = useSyncExternalStore(
    (notify) => {
      window.addEventListener("storage", notify);
      window.addEventListener("pw-columns", notify);
      return () => {
        window.removeEventListener("storage", notify);
        window.removeEventListener("pw-columns", notify);
      };
    },
    () => window.localStorage.getItem(COLUMNS_STORAGE_KEY),
    () => null,
  );
  const store = (columns: ColumnId[]) => {
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, columns.join(","));
    window.dispatchEvent(new Event("pw-columns"));
  };
  return [raw ? cleanColumns(raw.split(",")) : null, store] as const;
}

export function DealsBrowser({ role }: { role: Role }) {
  const t = useTranslations("deals");
  const trpc = useTRPC();
  const pathname = usePathname();
  const params = useSearchParams();
  // The list's query string: the URL's, and ours at once when we change it (the history API
  // updates the address bar; the router's search params may follow later, or not at all).
  const paramsKey = params.toString();
  const [queryString, setQueryString] = useState(paramsKey);
  const [seenParams, setSeenParams] = useState(paramsKey);
  if (paramsKey !== seenParams) {
    // Back, forward or a link: the URL wins.
    setSeenParams(paramsKey);
    setQueryString(paramsKey);
  }
  const state = parseState(new URLSearchParams(queryString));
  const { filters, sort } = state;
  const [search, setSearch] = useState(filters.q);
  const options = useFilterOptions(role);
  const views = useQuery(trpc.views.list.queryOptions());
  const saved = views.data ?? [];
  const [storedColumns, storeColumns] = useStoredColumns();

  const activeId = state.view || "all";
  const savedView = saved.find((v) => v.id === activeId);
  const builtin = BUILTIN_VIEWS.find((v) => v.id === activeId);
  const columns: ColumnId[] = state.columns
    ? cleanColumns(state.columns)
    : savedView
      ? cleanColumns(savedView.state.columns)
      : (storedColumns ?? cleanColumns(null));

  // The state the URL is about to hold: clicks in quick succession build on each other even
  // before the router has updated the search params.
  const latest = useRef(state);
  useEffect(() => {
    latest.current = parseState(new URLSearchParams(queryString));
  }, [queryString]);

  const navigate = (next: ListState) => {
    latest.current = next;
    // A view chosen or the filters cleared: the box shows the new search.
    if (next.filters.q.trim() !== search.trim()) setSearch(next.filters.q);
    const query = stateQuery(next);
    // The browser's history, not the router: the list fetches its own data, so a filter change
    // needs no server render of the page (Next keeps useSearchParams in step with it).
    setQueryString(query);
    window.history.replaceState(window.history.state, "", query ? `${pathname}?${query}` : pathname);
  };
  const change = (patch: Partial<DealFilters>) => {
    const now = latest.current;
    navigate({ ...now, filters: { ...now.filters, ...patch } });
  };

  // Typing goes to the URL once the rep pauses, not on every key, onto the state of that moment.
  useEffect(() => {
    const timer = setTimeout(() => {
      const now = latest.current;
      if (search.trim() !== now.filters.q.trim())
        navigate({ ...now, filters: { ...now.filters, q: search } });
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text schedules a change
  }, [search]);
  const selectView = (id: string) => {
    const mine = saved.find((v) => v.id === id);
    if (mine) {
      const s = mine.state;
      navigate({
        view: id,
        filters: filtersFromInput(s.filters),
        sort: (s.sort as Sort | null) ?? DEFAULT_SORT,
        columns: null,
      });
      return;
    }
    const v = BUILTIN_VIEWS.find((b) => b.id === id) ?? BUILTIN_VIEWS[0]!;
    navigate({ view: v.id === "all" ? "" : v.id, filters: v.filters, sort: v.sort, columns: null });
  };
  const setColumns = (next: ColumnId[]) => {
    const clean = cleanColumns(next);
    // A saved view keeps its columns (the change shows as unsaved); the built-in views share this browser's.
    if (savedView) navigate({ ...latest.current, columns: clean });
    else {
      storeColumns(clean);
      if (latest.current.columns) navigate({ ...latest.current, columns: null });
    }
  };

  const modified = savedView
    ? !sameFilters(filters, filtersFromInput(savedView.state.filters)) ||
      JSON.stringify(sort) !== JSON.stringify(savedView.state.sort ?? DEFAULT_SORT) ||
      columns.join() !== cleanColumns(savedView.state.columns).join()
    : builtin
      ? !sameFilters(filters, builtin.filters) || JSON.stringify(sort) !== JSON.stringify(builtin.sort)
      : false;

  const input = listInput(filters);
  const query = useInfiniteQuery(
    trpc.deals.list.infiniteQueryOptions(
      { limit: 50, ...input, sort },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const count = useQuery({ ...trpc.deals.count.queryOptions(input), placeholderData: keepPreviousData });
  // Sorted by version, the list shows each version's deals under a header with their count.
  const grouped = sort.key === "version";
  const groups = useQuery({
    ...trpc.deals.versionGroups.queryOptions(input),
    enabled: grouped,
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card className="gap-0 overflow-hidden py-0">
      <ViewsBar
        active={activeId}
        saved={saved.map((v) => ({ id: v.id, name: v.name }))}
        modified={modified}
        current={() => ({
          filters: JSON.parse(JSON.stringify(input)) as Record<string, unknown>,
          sort,
          columns,
        })}
        onSelect={selectView}
        onSaved={(id) => navigate({ ...latest.current, view: id, columns: null })}
        onDeleted={() => selectView("all")}
      />
      <DealFilterBar
        filters={filters}
        search={search}
        onSearch={setSearch}
        onChange={change}
        options={options}
      />
      <FilterChips
        filters={filters}
        onChange={change}
        onClear={() => {
          setSearch("");
          navigate({ ...latest.current, filters: EMPTY_FILTERS });
        }}
        options={options}
      />
      <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="deal-count">
          {count.data ? t("count", { count: count.data.count }) : "\u00a0"}
        </p>
        <div className="flex items-center gap-2">
          {query.isFetching && !query.isFetchingNextPage ? (
            <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-label={t("loading")} />
          ) : null}
          <ColumnChooser columns={columns} onChange={setColumns} />
          <div className="flex">
            <ExportCsvButton filters={filters} sort={sort} columns={columns} options={options.options} />
            <ExportMenu filters={filters} />
          </div>
        </div>
      </div>
      {query.isPending ? (
        <p className="p-8 text-center text-sm text-muted-foreground">{t("loading")}</p>
      ) : (
        <DealsGrid
          rows={rows}
          columns={columns}
          sort={sort}
          onSort={(next) => navigate({ ...latest.current, sort: next })}
          options={options.options}
          empty={hasFilters(filters) ? t("emptyFiltered") : t("empty")}
          groups={grouped ? groups.data : undefined}
        />
      )}
      {query.hasNextPage ? (
        <div className="flex justify-center border-t p-3">
          <Button
            variant="outline"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid="load-more"
          >
            {query.isFetchingNextPage ? <Loader2Icon className="animate-spin" /> : null}
            {t("loadMore")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
