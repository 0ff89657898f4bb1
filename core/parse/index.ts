/** core/parse: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./cell";
export * from "./channel";
export * from "./deadline";
export * from "./dossier-status";
export * from "./task-status";
export * from "./words";
export * from "./number-format";
