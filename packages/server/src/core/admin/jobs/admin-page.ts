import type { Queryable, Row } from '../../../adapters/database/database.js'

/** A page request of an admin list (pages from 1). */
export interface AdminPageRequest {
  readonly page: number
  readonly size: number
}

/** One page of an admin list and the count over every page. */
export interface AdminPage<T> {
  readonly items: readonly T[]
  readonly total: number
}

/** LIMIT and OFFSET of a page, as query parameters. */
export function limitOffset({ page, size }: AdminPageRequest): [number, number] {
  return [size, (page - 1) * size]
}

/**
 * The total of a page selected with `count(*) OVER () AS _total`; when the page is empty (past
 * the end) the window has no row, so `countSql` counts.
 */
export async function pageTotal(
  db: Queryable,
  rows: readonly Row[],
  countSql: string,
  params: unknown[],
): Promise<number> {
  if (rows[0] !== undefined) return Number(rows[0]._total)
  const [row] = await db.query<{ n: string }>(countSql, params)
  return Number(row?.n ?? 0)
}
