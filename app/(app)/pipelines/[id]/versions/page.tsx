import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { VersionsView } from "./versions-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("versions"))("pageTitle") };
}

const MANAGERS = new Set(["admin", "trainer"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Versions & pilots of a pipeline (版本与试点): admins and trainers. */
export default async function VersionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const me = await api.me.get();
  if (!MANAGERS.has(me.activeCompany?.role ?? "") || !UUID.test(id)) notFound();
  const overview = await api.versions.overview({ pipelineId: id }).catch(() => null);
  if (!overview) notFound();
  return <VersionsView pipelineId={id} initial={overview} />;
}
