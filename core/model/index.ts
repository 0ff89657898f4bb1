/** core/model: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./messages";
export * from "./record-json";
export * from "./records";
export * from "./roles";
