/** core/stats: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./dossier-stats";
export * from "./periods";
export * from "./ratio";
export * from "./report";
export * from "./task-stats";
export * from "./warnings";
export * from "./workbook-stats";
