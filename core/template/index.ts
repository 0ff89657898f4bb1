/** core/template: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./template-model";
export * from "./tracking-workbook";
