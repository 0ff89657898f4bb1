import { Members } from "./auth/tokens";
import type { Services } from "./http/route-table";
import { RecordsRepository } from "./storage/records-repository";
import { Tables } from "./storage/tables";

let services: Services | undefined;

/** Services from the environment's storage connection, made once per process. */
export function defaultServices(): Services {
  if (!services) {
    const tables = new Tables();
    services = { members: new Members(tables), records: new RecordsRepository(tables) };
  }
  return services;
}

export function servicesFor(connectionString: string): Services {
  const tables = new Tables(connectionString);
  return { members: new Members(tables), records: new RecordsRepository(tables) };
}
