"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card } from "@/lib/ui/card";
import { DealFilterBar } from "./deal-filter-bar";
import { filtersQuery, hasFilters, listInput, parseFilters, type DealFilters } from "./deal-filters";
import { DealsTable } from "./deals-table";

export function DealsBrowser({ role }: { role: Role }) {
  const t = useTranslations("deals");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = parseFilters(new URLSearchParams(params.toString()));
  const [search, setSearch] = useState(filters.q);

  const navigate = (next: DealFilters) => {
    const query = filtersQuery(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const change = (patch: Partial<DealFilters>) => navigate({ ...filters, ...patch });

  // Typing goes to the URL once the rep pauses, not on every key, onto the filters of that moment.
  const latest = useRef(filters);
  useEffect(() => {
    latest.current = filters;
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search.trim() !== latest.current.q.trim()) navigate({ ...latest.current, q: search });
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text schedules a change
  }, [search]);

  const query = useInfiniteQuery(
    trpc.deals.list.infiniteQueryOptions(
      { limit: 50, ...listInput(filters) },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <DealFilterBar filters={filters} search={search} onSearch={setSearch} onChange={change} role={role} />
      <div className="relative">
        {query.isFetching && !query.isFetchingNextPage ? (
          <Loader2Icon className="absolute right-3 top-3 size-4 animate-spin text-muted-foreground" />
        ) : null}
        {query.isPending ? (
          <p className="p-8 text-center text-sm text-muted-foreground">{t("loading")}</p>
        ) : (
          <DealsTable rows={rows} empty={hasFilters(filters) ? t("emptyFiltered") : undefined} />
        )}
      </div>
      {query.hasNextPage ? (
        <div className="flex justify-center border-t p-3">
          <Button
            variant="outline"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? <Loader2Icon className="animate-spin" /> : null}
            {t("loadMore")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
