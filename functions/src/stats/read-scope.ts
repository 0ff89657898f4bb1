import type { Caller } from "../auth/tokens";
import { problems } from "../http/problem";
import type { PartitionInfo } from "../storage/records-repository";

/**
 * What a caller may read of a plan year's partitions, for statistics (DOMAIN.md "Who reads what"):
 * staff read the whole plan's tasks (the plan is public inside the department) but only their own
 * unit's dossiers; coordinators, leaders and admins read everything. `unit=` narrows both; staff
 * asking for another unit get 403. The report is built from the readable records only, so every
 * per-unit list derived from them (byUnit, bySector, warnings, …) holds only what the caller may read.
 */
export interface ReadScope {
  tasks: PartitionInfo[];
  dossiers: PartitionInfo[];
}

export function statsScope(caller: Caller, partitions: PartitionInfo[], unit: string | undefined): ReadScope {
  if (caller.role === "staff" && unit !== undefined && unit !== caller.unit)
    throw problems.forbidden({
      vi: `Nhân viên chỉ xem được số liệu của đơn vị mình ("${caller.unit ?? ""}").`,
      en: `Staff may read only their own unit's statistics ("${caller.unit ?? ""}").`,
    });
  const asked = partitions.filter((p) => unit === undefined || p.unit === unit);
  const dossiers = caller.role === "staff" ? asked.filter((p) => p.unit === caller.unit) : asked;
  return { tasks: asked, dossiers };
}
