"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Loader2Icon, SearchIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card } from "@/lib/ui/card";
import { Input } from "@/lib/ui/input";
import { DealsTable } from "./deals-table";

export function DealsBrowser() {
  const t = useTranslations("deals");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const query = useInfiniteQuery(
    trpc.deals.list.infiniteQueryOptions(
      { limit: 50, search: deferred || undefined },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <div className="flex items-center gap-2 border-b p-3">
        <div className="relative w-full max-w-sm">
          <SearchIcon className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" />
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("search")}
            aria-label={t("search")}
            className="pl-8"
            maxLength={100}
          />
        </div>
        {query.isFetching ? <Loader2Icon className="size-4 animate-spin text-muted-foreground" /> : null}
      </div>
      {query.isPending ? (
        <p className="p-8 text-center text-sm text-muted-foreground">{t("loading")}</p>
      ) : (
        <DealsTable rows={rows} />
      )}
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
