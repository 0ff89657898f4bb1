import * as v from "valibot";
import type { Message } from "../../../core/model";
import { check } from "../../../core/schemas";

/** Where a stored text lives: the partition, the row and the property that hold it. */
export interface StoredPlace {
  partition: string;
  row: string;
  property: string;
}

/**
 * A text the server stored (JSON in a property) that no longer reads as what it wrote: a damaged
 * or hand-edited entity. Reading stops here, naming the place, rather than going on with garbage.
 */
export class DamagedStoreError extends Error {
  readonly detail: Message;

  constructor(
    readonly place: StoredPlace,
    problem: string,
  ) {
    const where = `${place.partition} / ${place.row} / ${place.property}`;
    const detail = {
      vi: `Dữ liệu lưu trữ bị hỏng tại ${where}: ${problem}`,
      en: `Damaged stored data at ${where}: ${problem}`,
    };
    super(detail.en);
    this.name = "DamagedStoreError";
    this.detail = detail;
  }
}

/** Parses a stored JSON text and checks it against `schema`, or throws DamagedStoreError naming the place. */
export function parseStored<S extends v.GenericSchema>(
  schema: S,
  text: unknown,
  place: StoredPlace,
): v.InferOutput<S> {
  if (typeof text !== "string") throw new DamagedStoreError(place, `not a text (${typeof text})`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DamagedStoreError(place, `not JSON (${(e as Error).message})`);
  }
  return checkStored(schema, value, place);
}

/** Checks an already-read stored value against `schema`, or throws DamagedStoreError. */
export function checkStored<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  place: StoredPlace,
): v.InferOutput<S> {
  const checked = check(schema, value);
  if (checked.ok) return checked.value;
  throw new DamagedStoreError(place, `${checked.pointer || "/"}: ${checked.message.en}`);
}
