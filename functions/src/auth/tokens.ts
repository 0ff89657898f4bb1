import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { TABLES, type Tables } from "../storage/tables";

import type { Role } from "../../../core/model";
export { ROLES, type Role } from "../../../core/model";

/**
 * A token id: 12 base64url characters that never start with "-", which a command line would take
 * for an option (`cchc admin revoke -x…` failed as a bad command line, 1 token in 64).
 */
export function newTokenId(): string {
  for (;;) {
    const id = randomBytes(9).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

export interface Caller {
  tokenId: string;
  name: string;
  role: Role;
  /** The unit a staff member belongs to. */
  unit?: string;
}

interface MemberEntity {
  partitionKey: string;
  rowKey: string;
  name: string;
  role: Role;
  unit?: string;
  salt: string;
  hash: string;
  revoked: boolean;
  createdAt: string;
  expiresAt: string;
}

const PARTITION = "member";

/** Tokens are `cchc_<id>.<secret>`: 32 random bytes of secret, stored only as a salted SHA-256. */
function hashSecret(salt: string, secret: string): string {
  return createHash("sha256").update(salt).update(secret).digest("base64url");
}

export class Members {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.members);
  }

  /** Issues a token (valid `expiresInDays`, default 365); the secret is returned once and never stored. */
  async issue(member: {
    name: string;
    role: Role;
    unit?: string;
    expiresInDays?: number;
  }): Promise<{ token: string; tokenId: string; expiresAt: string }> {
    const tokenId = newTokenId();
    const secret = randomBytes(32).toString("base64url");
    const salt = randomBytes(16).toString("base64url");
    const entity: MemberEntity = {
      partitionKey: PARTITION,
      rowKey: tokenId,
      name: member.name,
      role: member.role,
      salt,
      hash: hashSecret(salt, secret),
      revoked: false,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + (member.expiresInDays ?? 365) * 86_400_000).toISOString(),
    };
    if (member.unit !== undefined) entity.unit = member.unit;
    await (await this.table()).createEntity(entity);
    return { token: `cchc_${tokenId}.${secret}`, tokenId, expiresAt: entity.expiresAt };
  }

  async revoke(tokenId: string): Promise<boolean> {
    try {
      await (
        await this.table()
      ).updateEntity({ partitionKey: PARTITION, rowKey: tokenId, revoked: true }, "Merge");
      return true;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return false;
      throw e;
    }
  }

  /** Members with a valid (not revoked, not expired) token; never the hashes. */
  async list(): Promise<(Caller & { expiresAt: string })[]> {
    const out: (Caller & { expiresAt: string })[] = [];
    const now = new Date().toISOString();
    for await (const e of (await this.table()).listEntities<MemberEntity>()) {
      if (e.revoked || e.expiresAt < now) continue;
      out.push({
        tokenId: e.rowKey,
        name: e.name,
        role: e.role,
        ...(e.unit ? { unit: e.unit } : {}),
        expiresAt: e.expiresAt,
      });
    }
    return out;
  }

  async count(): Promise<number> {
    return (await this.list()).length;
  }

  /** The caller a bearer token belongs to, or undefined for a missing, malformed, unknown, expired or revoked one. */
  async verify(authorization: string | null): Promise<Caller | undefined> {
    const m = /^Bearer\s+cchc_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(authorization?.trim() ?? "");
    if (!m) return undefined;
    const [, tokenId, secret] = m as unknown as [string, string, string];
    let entity: MemberEntity;
    try {
      entity = await (await this.table()).getEntity<MemberEntity>(PARTITION, tokenId);
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return undefined;
      throw e;
    }
    const expected = Buffer.from(entity.hash);
    const actual = Buffer.from(hashSecret(entity.salt, secret));
    if (entity.revoked || entity.expiresAt < new Date().toISOString()) return undefined;
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    return { tokenId, name: entity.name, role: entity.role, ...(entity.unit ? { unit: entity.unit } : {}) };
  }
}
