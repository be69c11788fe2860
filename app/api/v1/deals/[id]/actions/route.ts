import { route } from "@/lib/server/api-v1/http";
import { listDealActions } from "@/lib/server/api-v1/operations";

export const GET = route(listDealActions);
