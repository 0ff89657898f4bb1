/**
 * `npm run admin:init [-- --name N --force]`: the first admin token of a store, written
 * straight on storage (STORAGE_CONNECTION_STRING, else the local Azurite of `npm start`).
 * Lives in functions/ because only the server side may touch storage; `cchc admin` speaks HTTP.
 */
import { parseArgs } from "node:util";
import { servicesFor } from "../services";
import { azuriteConnectionString } from "./azurite";
import { FIRST_ADMIN_BANNER, initFirstAdmin } from "./first-admin";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { name: { type: "string" }, force: { type: "boolean" } },
    strict: true,
  });
  const external = process.env.STORAGE_CONNECTION_STRING || undefined; // set but empty: the local store
  const port = Number(process.env.AZURITE_TABLE_PORT ?? 10002);
  const connection = external ?? azuriteConnectionString(port);
  let issued;
  try {
    issued = await initFirstAdmin(servicesFor(connection).members, values);
  } catch (e) {
    console.error(storeErrorMessage(e as Error & { code?: string }, external ? undefined : port));
    return 3;
  }
  if (!issued) {
    console.error(
      "Lỗi: đã có thành viên; dùng `cchc admin add-member`, hoặc `npm run admin:init -- --force` để tạo thêm quản trị viên.\n" +
        "Error: members exist already; use `cchc admin add-member`, or `npm run admin:init -- --force` to add another admin.",
    );
    return 64;
  }
  console.log(`${values.force ? NEW_ADMIN_BANNER : FIRST_ADMIN_BANNER}\n${issued.token}`);
  return 0;
}

const NEW_ADMIN_BANNER = "Mã quản trị mới (chỉ hiện một lần) / A new admin token (shown once, keep it safe):";

/** The store could not be used: the local one is Azurite, which only runs while `npm start` does. */
function storeErrorMessage(e: Error & { code?: string }, localPort: number | undefined): string {
  if (localPort !== undefined && e.code === "ECONNREFUSED")
    return (
      `Lỗi: không có kho dữ liệu nào ở 127.0.0.1:${localPort} (AZURITE_TABLE_PORT). Hãy chạy \`npm start\` ` +
      "trong một cửa sổ khác rồi chạy lại lệnh này, hoặc đặt STORAGE_CONNECTION_STRING.\n" +
      `Error: no store answers at 127.0.0.1:${localPort} (AZURITE_TABLE_PORT). Run \`npm start\` in another ` +
      "window, then run this again; or set STORAGE_CONNECTION_STRING."
    );
  return `Lỗi: không dùng được kho dữ liệu / Error: the store cannot be used: ${e.message}`;
}

main().then(
  (code) => process.exit(code),
  (e: Error & { code?: string }) => {
    // A bad option (`npm run admin:init --force` without the `--` hands it to npm, not here).
    const usage = e.code?.startsWith("ERR_PARSE_ARGS") === true;
    console.error(`Lỗi / Error: ${e.message}${usage ? "\nnpm run admin:init [-- --name N --force]" : ""}`);
    process.exit(usage ? 64 : 1);
  },
);
