/**
 * What `npm start` says when it cannot start. A port in use is the common case (a second
 * `npm start`, or another program on 7071, 10002 or 3000): the message names the port, the
 * setting that moves it, and the likely cause, in Vietnamese and English.
 */

/** The ports `npm start` listens on, each with the environment variable that sets it. */
export interface StackPorts {
  api: number;
  table: number;
  addin: number;
}

const VARIABLES: Record<keyof StackPorts, string> = {
  api: "PORT",
  table: "AZURITE_TABLE_PORT",
  addin: "ADDIN_PORT",
};

export function portInUseMessage(port: number, ports: StackPorts): string {
  const key = (Object.keys(VARIABLES) as (keyof StackPorts)[]).find((k) => ports[k] === port);
  const variable = key ? VARIABLES[key] : "PORT";
  // Two Azurites on one folder overwrite each other's saves: moving the store's port means a folder too.
  const also = key === "table" ? " AZURITE_LOCATION=<thư mục khác>" : "";
  const alsoEn = key === "table" ? " AZURITE_LOCATION=<another folder>" : "";
  return [
    `Lỗi: cổng ${port} đang bận (${variable}). Có thể \`npm start\` đang chạy trong một cửa sổ khác: ` +
      `dùng cửa sổ đó, hoặc dừng nó (Ctrl-C) rồi chạy lại; hoặc đặt ${variable}=<cổng khác>${also}.`,
    `Error: port ${port} is in use (${variable}). \`npm start\` may be running in another window: ` +
      `use that one, or stop it (Ctrl-C) and start again; or set ${variable}=<another port>${alsoEn}.`,
  ].join("\n");
}

/** The message for an error that stopped `npm start`; undefined when it is unexpected (print it whole). */
export function startFailureMessage(
  e: Error & { code?: string; port?: number },
  ports: StackPorts,
): string | undefined {
  if (e.code === "EADDRINUSE" && typeof e.port === "number") return portInUseMessage(e.port, ports);
  return undefined;
}
