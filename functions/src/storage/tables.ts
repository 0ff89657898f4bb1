import { TableClient, TableServiceClient } from "@azure/data-tables";

/** Names of the tables; created on first use. */
export const TABLES = {
  records: "records",
  members: "members",
  partitions: "partitions",
  reference: "reference",
  /** Which unit's partition holds each (kind, id) of a plan year. */
  recordIds: "recordIds",
  /** The daily snapshots of each plan year's statistics (partition = year, row = Vietnam date). */
  snapshots: "snapshots",
} as const;

/**
 * Table clients from a connection string (STORAGE_CONNECTION_STRING, else AzureWebJobsStorage,
 * else Azurite's development storage). Azurite over plain HTTP needs allowInsecureConnection.
 */
export class Tables {
  private readonly ensured = new Map<string, Promise<void>>();
  /** One client per table: a client owns its HTTP pipeline, and so its kept-alive connections. */
  private readonly clients = new Map<string, TableClient>();

  constructor(
    readonly connectionString: string = process.env.STORAGE_CONNECTION_STRING ??
      process.env.AzureWebJobsStorage ??
      "UseDevelopmentStorage=true",
  ) {}

  client(table: string): TableClient {
    let c = this.clients.get(table);
    if (!c) {
      c = TableClient.fromConnectionString(this.connectionString, table, {
        allowInsecureConnection: this.isLocal(),
      });
      this.clients.set(table, c);
    }
    return c;
  }

  async ready(table: string): Promise<TableClient> {
    let p = this.ensured.get(table);
    if (!p) {
      p = this.client(table)
        .createTable()
        .catch((e: { statusCode?: number }) => {
          if (e.statusCode !== 409) throw e;
        });
      this.ensured.set(table, p);
    }
    await p;
    return this.client(table);
  }

  service(): TableServiceClient {
    return TableServiceClient.fromConnectionString(this.connectionString, {
      allowInsecureConnection: this.isLocal(),
    });
  }

  private isLocal(): boolean {
    return /UseDevelopmentStorage=true|127\.0\.0\.1|localhost/i.test(this.connectionString);
  }
}

/** Table keys may not hold / \ # ? or control characters: percent-encode them (and %). */
export function encodeKey(text: string): string {
  return text.replace(
    // Control characters are exactly what must be matched here.
    // eslint-disable-next-line no-control-regex
    /[%/\\#?\u0000-\u001f\u007f-\u009f]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase(),
  );
}
