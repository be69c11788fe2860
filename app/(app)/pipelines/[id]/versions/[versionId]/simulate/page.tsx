import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UserMessage } from "@/lib/server/errors";
import { serverApi } from "@/lib/trpc/server";
import { SimulationView } from "./simulation-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("simulation"))("pageTitle") };
}

const MAY_SIMULATE = new Set(["admin", "trainer"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTHS = [1, 3, 6, 12, 24] as const;

/** Replay simulation (模拟回放) of one version of a pipeline against its recorded deal histories. */
export default async function SimulatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; versionId: string }>;
  searchParams: Promise<{ months?: string }>;
}) {
  const [{ id, versionId }, query] = await Promise.all([params, searchParams]);
  const api = await serverApi();
  const me = await api.me.get();
  if (!MAY_SIMULATE.has(me.activeCompany?.role ?? "") || !UUID.test(id) || !UUID.test(versionId)) notFound();
  const months = MONTHS.find((m) => String(m) === query.months) ?? 6;
  const pipeline = await api.editor.pipeline({ pipelineId: id }).catch(() => null);
  if (!pipeline || !pipeline.versions.some((v) => v.id === versionId)) notFound();
  const te = await getTranslations("errors");
  const run = await api.simulations
    .run({ versionId, months })
    .then((data) => ({ ok: true as const, data }))
    .catch((e: unknown) => {
      // A version that does not compile cannot be replayed: say so in the page, in words.
      const cause = e instanceof Error && e.cause instanceof UserMessage ? e.cause : null;
      if (!cause) throw e;
      return { ok: false as const, message: te(cause.key as never, cause.values as never) };
    });
  return (
    <SimulationView
      pipeline={{ id: pipeline.id, name: pipeline.name, versions: pipeline.versions }}
      versionId={versionId}
      months={months}
      run={run}
    />
  );
}
