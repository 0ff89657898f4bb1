/** core/format: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./numbers";
export * from "./report-paragraph";
export * from "./report-rows";
export * from "./summary-text";
