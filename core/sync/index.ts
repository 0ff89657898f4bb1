/** core/sync: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./engine";
export * from "./mapping-change";
export * from "./merge";
export * from "./protocol";
export * from "./record-data";
export * from "./record-history";
export * from "./resolve";
export * from "./row-plan";
export * from "./row-values";
export * from "./state-sheet";
export * from "./summary-model";
export * from "./summary-parts";
export * from "./sync-errors";
export * from "./sync-state";
export * from "./system-sheets";
export * from "./transport";
export * from "./workbook-port";
