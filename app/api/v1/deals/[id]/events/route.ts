import { route } from "@/lib/server/api-v1/http";
import { listDealEvents } from "@/lib/server/api-v1/operations";

export const GET = route(listDealEvents);
