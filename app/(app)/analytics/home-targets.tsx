"use client";

import type { Role } from "@/lib/roles";
import { TargetsCard } from "./targets-card";

/** The home page's "My targets": the targets the member may see, read only; nothing while there are none. */
export function HomeTargets({ role }: { role: Role }) {
  return <TargetsCard role={role} compact />;
}
