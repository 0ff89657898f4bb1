import type { Message } from "../model/records";

/** The engine cannot start: no plan year, no sheet it can sync, or a damaged sync state. */
export class SyncSetupError extends Error {
  constructor(readonly userMessage: Message) {
    super(userMessage.en);
  }
}
