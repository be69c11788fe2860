"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/** The approvals waiting for the signed-in member, kept fresh like the bell's count. */
export function useApprovalsWaiting() {
  const trpc = useTRPC();
  return useQuery(
    trpc.deals.approvals.queryOptions(undefined, {
      refetchInterval: 30_000,
      refetchOnWindowFocus: true,
      staleTime: 0,
    }),
  );
}

/** How many approvals wait, beside the navigation's Approvals entry; nothing when none. */
export function ApprovalsNavCount() {
  const { data } = useApprovalsWaiting();
  const count = data?.length ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="nav-approvals-count"
      className="ml-auto flex h-5 min-w-5 items-center justify-center rounded-full bg-warning px-1.5 text-[11px] font-semibold text-[oklch(0.3_0.08_70)] tabular-nums"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}
