/** core/text: the public surface adapters import (issue 9); files inside import each other directly. */
export * from "./normalize";
export * from "./safe-text";
export * from "./utf8";
