import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Opens `file` in LibreOffice and saves it again as .xlsx (as a user who edits with LibreOffice
 * would), into `workDir`/lo; answers the new file's path, or undefined where LibreOffice is missing
 * (.ci/run installs libreoffice-calc; a developer machine may not have it).
 */
export function libreOfficeRoundTrip(file: string, workDir: string): string | undefined {
  let soffice: string;
  try {
    soffice = execFileSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
  const outDir = path.join(workDir, "lo");
  execFileSync(
    soffice,
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${path.join(workDir, "lo-profile")}`,
      "--convert-to",
      "xlsx",
      "--outdir",
      outDir,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  return path.join(outDir, path.basename(file));
}
