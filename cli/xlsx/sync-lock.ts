import { promises as fs, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WorkbookFileError } from "./workbook-file";

/** What a lock file holds: who is syncing the workbook, since when. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A lock left by a machine whose processes we cannot see is taken over after this long. */
const FOREIGN_LOCK_MS = 60 * 60 * 1000;

/** The lock file beside the workbook (hidden on Linux and macOS, like LibreOffice's). */
export function lockFileOf(file: string): string {
  return path.join(path.dirname(file), `.~cchc-sync.${path.basename(file)}#`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(lock: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(lock, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.host === "string"
      ? { pid: owner.pid, host: owner.host, since: String(owner.since ?? "") }
      : undefined;
  } catch {
    return undefined; // gone meanwhile, or half-written by a process that died: stale
  }
}

/** Whether the sync that left this lock may still be running. */
function stillHeld(owner: LockOwner | undefined): owner is LockOwner {
  if (!owner) return false;
  if (owner.host === os.hostname()) return owner.pid !== process.pid && alive(owner.pid);
  return Date.now() - Date.parse(owner.since) < FOREIGN_LOCK_MS;
}

/**
 * Takes the workbook's sync lock, so that two syncs of one file never run at once (both would give
 * the same new rows different ids and push them twice). A lock whose process is gone (killed, power
 * cut) is taken over. Returns the release, safe to call more than once and synchronous (Ctrl-C).
 */
export async function lockForSync(file: string): Promise<() => void> {
  const lock = lockFileOf(file);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lock, JSON.stringify(me), { flag: "wx" });
      let held = true;
      return () => {
        if (held) rmSync(lock, { force: true });
        held = false;
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") return () => {}; // a read-only folder: checked later
    }
    const owner = await readOwner(lock);
    if (stillHeld(owner)) {
      const name = path.basename(file);
      const where =
        owner.host === os.hostname() ? `process ${owner.pid}` : `${owner.host}, process ${owner.pid}`;
      throw new WorkbookFileError({
        vi: `"${name}" đang được đồng bộ bởi một lệnh khác (${where.replace("process", "tiến trình")}, từ ${owner.since}); hãy chờ lệnh đó xong rồi chạy lại. Sổ tính không bị thay đổi. (Nếu chắc không còn lệnh nào chạy, xóa tệp ${path.basename(lock)}.)`,
        en: `"${name}" is being synced by another command (${where}, since ${owner.since}); wait for it to finish and run again. The workbook was not changed. (If you are sure none is running, delete ${path.basename(lock)}.)`,
      });
    }
    await fs.rm(lock, { force: true });
  }
  throw new WorkbookFileError({
    vi: `Không giữ được khóa đồng bộ của "${path.basename(file)}"; hãy chạy lại.`,
    en: `Could not take the sync lock of "${path.basename(file)}"; run again.`,
  });
}
