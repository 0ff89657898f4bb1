/** core/layout: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./detect-header";
export * from "./grid";
export * from "./header-vocabulary";
export * from "./mapping-overrides";
export * from "./read-context";
export * from "./read-dossiers";
export * from "./read-tasks";
export * from "./read-workbook";
export * from "./row-kinds";
export * from "./row-reader";
