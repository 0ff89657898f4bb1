/** core/reference: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./fields";
export * from "./match";
export * from "./units";
