/** core/calendar: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./calendar-data";
export * from "./due-dates";
export * from "./working-days";
