import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["webhooks"];
export type EndpointRow = Outputs["list"][number];
export type DeliveryRow = Outputs["deliveries"]["items"][number];
export type DeliveryDetail = Outputs["delivery"];
