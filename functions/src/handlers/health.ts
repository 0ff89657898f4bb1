import type { Handler } from "../http/route-table";

export const healthHandler: Handler = async () => ({ status: 200, jsonBody: { status: "ok" } });
