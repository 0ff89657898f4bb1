/**
 * The local host alone, as its own process, for tests that kill it (SIGKILL) mid-request: the same
 * host and services as `npm start`, on PORT, over the store STORAGE_CONNECTION_STRING names, without
 * Azurite or the add-in's dev server (those belong to the test, which keeps the store running).
 * Prints "ready" once /api/health answers.
 */
import { createLocalHost } from "../../functions/src/local-host";
import { servicesFor } from "../../functions/src/services";

const services = servicesFor(process.env.STORAGE_CONNECTION_STRING!);
const server = createLocalHost(() => services);
server.listen(Number(process.env.PORT), "127.0.0.1", () => {
  void fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) =>
    console.log(r.ok ? "ready" : `health ${r.status}`),
  );
});
