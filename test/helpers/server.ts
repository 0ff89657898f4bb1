import type http from "node:http";
import type { AddressInfo } from "node:net";
import { startAzurite, type RunningAzurite } from "../../functions/src/dev/azurite";
import { createLocalHost } from "../../functions/src/local-host";
import { servicesFor } from "../../functions/src/services";
import type { Services } from "../../functions/src/http/route-table";

/** Azurite (in memory) and the local host on free ports, for one suite. */
export interface TestServer {
  url: string;
  services: Services;
  azurite: RunningAzurite;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const azurite = await startAzurite();
  const services = servicesFor(azurite.connectionString);
  const server: http.Server = createLocalHost(() => services);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    azurite,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await azurite.stop();
    },
  };
}

export async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown>; type: string }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    type: res.headers.get("content-type") ?? "",
  };
}

/** A suite's server and a coordinator's token: started before the suite's tests, stopped after. */
export interface SuiteServer {
  server: TestServer;
  token: string;
}

export function serverWithCoordinator(name = "Điều phối"): SuiteServer {
  const suite = {} as SuiteServer;
  before(async () => {
    suite.server = await startTestServer();
    suite.token = (await suite.server.services.members.issue({ name, role: "coordinator" })).token;
  });
  after(() => suite.server?.stop());
  return suite;
}
