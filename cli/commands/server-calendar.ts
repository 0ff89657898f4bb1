import type { Calendar } from "../../core/calendar";
import { HttpTransport, serverCalendar as calendarOf } from "../../core/sync";
import { requestTimeoutMs } from "./timeout";

/** The server's working-day calendar (core/sync/server-calendar.ts), asked with the command line's time limit. */
export function serverCalendar(server: string, token: string, year?: number): Promise<Calendar> {
  return calendarOf(new HttpTransport(server, token, undefined, requestTimeoutMs()), year);
}
