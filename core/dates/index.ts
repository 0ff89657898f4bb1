/** core/dates: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./local-date";
export * from "./parse-date";
