/**
 * CORS limited to configured origins (CORS_ORIGINS, comma-separated: the add-in's host). On Azure
 * the Function App's own CORS setting should list the same origins; the local host applies these.
 */
export function allowedOrigins(): string[] {
  return (process.env.CORS_ORIGINS ?? "https://localhost:3000")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}

export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin || !allowedOrigins().includes(origin)) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-headers": "authorization, content-type",
    "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}
