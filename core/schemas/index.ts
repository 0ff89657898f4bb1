/** core/schemas: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./audit";
export * from "./members";
export * from "./problem";
export * from "./record-data";
export * from "./reference";
export * from "./snapshots";
export * from "./state";
export * from "./stats-answer";
export * from "./sync-wire";
