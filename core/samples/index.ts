/** core/samples: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./seed-dossiers";
export * from "./seed-tasks";
